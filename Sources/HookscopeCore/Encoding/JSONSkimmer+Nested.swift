extension JSONSkimmer {
    /// Past the string whose opening quote is at `start` (escapes skipped whole, contents
    /// not checked); nil if the bytes end first. Runs of bytes with no quote or backslash
    /// are passed eight at a time.
    static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start + 1
        while true {
            while index + 8 <= end {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if mayHoldQuoteOrBackslash(word) { break }
                index += 8
            }
            guard index < end else { return nil }
            switch base[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
    }

    /// Past the object or array whose bracket is at `start`, nested ones included, strings
    /// respected; nil if the bytes end first. Brackets of either kind count alike: telling
    /// `{]` from `{}` is checking, which this does not do.
    ///
    /// Most of a delivery's bytes are in its nested values, and in a body of small objects
    /// every few bytes are a quote or a bracket, so a byte-at-a-time loop mispredicts on
    /// most of them. Instead each 8-byte word is read as bit masks, one bit per byte: where
    /// the quotes are, hence (by a running parity of quotes) which bytes are inside strings,
    /// and how many brackets outside strings open and close. A word that might bring the
    /// depth to zero, or that holds a backslash (which can hide a quote), is walked byte by
    /// byte instead. `JSONSkimmerPropertyTests` holds this to the byte-by-byte walk.
    static func endOfNested(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var walk = NestedWalk(position: start)
        while walk.position + 8 <= end {
            let word = UnsafeRawPointer(base + walk.position).loadUnaligned(as: UInt64.self)
            if walk.passWhole(word) {
                if walk.inLongString {
                    // Long strings (the bulk of most deliveries) need no masks: only a
                    // word that may hold a quote or backslash stops the skip.
                    while walk.position + 8 <= end,
                          !mayHoldQuoteOrBackslash(UnsafeRawPointer(base + walk.position).loadUnaligned(as: UInt64.self)) {
                        walk.position += 8
                    }
                }
                continue
            }
            if walk.step(base, upTo: walk.position + 8) { return walk.position }
        }
        return walk.step(base, upTo: end) ? walk.position : nil
    }

    /// Whether a word may hold `"` or `\` (exact when it holds neither, which is all the
    /// caller relies on).
    @inline(__always) static func mayHoldQuoteOrBackslash(_ word: UInt64) -> Bool {
        let quote = word ^ (WordMasks.ones &* 0x22)
        let backslash = word ^ (WordMasks.ones &* 0x5C)
        let hasQuote = (quote &- WordMasks.ones) & ~quote
        let hasBackslash = (backslash &- WordMasks.ones) & ~backslash
        return (hasQuote | hasBackslash) & WordMasks.highs != 0
    }
}

/// One-bit-per-byte masks of an 8-byte word (the bit is each byte's high bit).
enum WordMasks {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080
    static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit set in exactly the bytes of `word` equal to `byte` (no borrow crosses
    /// bytes, so unlike the usual zero-byte test there are no false hits).
    @inline(__always) static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & lows) &+ lows) | x) & highs
    }

    /// Whether any byte of `word` is `byte` (the classic zero-byte test: its marks can be
    /// wrong above a true one, but whether there is one is exact).
    @inline(__always) static func holds(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs != 0
    }

    /// How many bytes a mask marks, without a popcount instruction (not in the baseline
    /// x86-64 the package is built for): the marks summed into the top byte.
    @inline(__always) static func count(_ mask: UInt64) -> Int {
        Int(truncatingIfNeeded: ((mask >> 7) &* ones) >> 56)
    }
}

/// The state of `JSONSkimmer.endOfNested`: how deep, and whether inside a string.
private struct NestedWalk {
    var position: Int
    var depth = 0
    /// `WordMasks.highs` inside a string, 0 outside: XORed into a word's quote parity.
    var inString: UInt64 = 0
    /// The last word passed was all inside one string: the string may well go on.
    var inLongString = false

    /// Passes a word that cannot end the value, keeping the depth and the string state;
    /// false (nothing moved) when the word must be walked byte by byte.
    @inline(__always) mutating func passWhole(_ word: UInt64) -> Bool {
        guard !WordMasks.holds(word, 0x5C) else { return false }
        let quotes = WordMasks.equal(word, 0x22)
        inLongString = quotes == 0 && inString != 0
        if inLongString {
            position += 8
            return true
        }
        // Each byte's bit: the parity of the quotes up to and including it, flipped when
        // the word starts inside a string. Set inside strings (and on opening quotes).
        var parity = quotes
        parity ^= parity << 8
        parity ^= parity << 16
        parity ^= parity << 32
        parity ^= inString
        let outside = ~parity & WordMasks.highs
        // `{` and `[` differ only in bit 0x20, as `}` and `]` do.
        let folded = word | (WordMasks.ones &* 0x20)
        let closes = WordMasks.count(WordMasks.equal(folded, 0x7D) & outside)
        guard closes < depth else { return false }
        depth += WordMasks.count(WordMasks.equal(folded, 0x7B) & outside) - closes
        inString = parity >> 63 == 0 ? 0 : WordMasks.highs
        position += 8
        return true
    }

    /// Walks bytes up to `end` (an escape may carry it one past); true once the value has
    /// closed, with `position` just after it.
    @inline(__always) mutating func step(_ base: UnsafePointer<UInt8>, upTo end: Int) -> Bool {
        var inside = inString != 0
        defer { inString = inside ? WordMasks.highs : 0 }
        while position < end {
            let byte = base[position]
            position += 1
            if inside {
                if byte == UInt8(ascii: "\\") {
                    position += 1
                } else if byte == UInt8(ascii: "\"") {
                    inside = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inside = true
            } else if byte | 0x20 == UInt8(ascii: "{") {
                depth += 1
            } else if byte | 0x20 == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return true }
            }
        }
        return false
    }
}

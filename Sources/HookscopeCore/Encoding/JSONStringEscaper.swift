/// The loop behind `JSONWriter.escapedString`: the content of a JSON string written from
/// raw bytes in one pass, checked as UTF-8 on the way.
///
/// Long text goes 64 bytes a step (`JSONStringEscaper+Spans.swift`: SSE2 compares, one
/// bit a byte). What is left short of a span (and every short string: header names and
/// values) goes a word (eight bytes) at a time: one mask per word marks exactly the bytes
/// that need attention (quote, backslash, C0 control, DEL, or above 0x7F); the plain
/// bytes between two marked ones are copied with one store of the (shifted) word, each
/// escape is written in place, and the loop goes on with the next marked byte of the same
/// word. A quote or backslash only needs a backslash before it: the byte itself goes out
/// with the next piece.
///
/// The output is gathered in a small buffer on the stack and handed over when full, so
/// the loops write through a pointer without a capacity check per byte; a word store may
/// write up to eight bytes past what is kept (a span's piece sixteen), which the next
/// store overwrites.
struct JSONStringEscaper {
    /// Bytes of output gathered before they are handed over: `withUnsafeTemporaryAllocation`
    /// takes up to 1 KB from the stack without asking; more costs a check of the stack's
    /// bounds (on Linux, `pthread_getattr_np`) on every call, or a heap allocation.
    static let chunkCapacity = 1024
    /// Most that one word of input writes into the chunk: eight 6-byte escapes, then the
    /// eight bytes of the store of the word's last piece.
    private static let wordRoom = 8 * 6 + 8

    let input: UnsafePointer<UInt8>
    let count: Int
    let chunk: UnsafeMutablePointer<UInt8>

    /// Writes the escaped content of `utf8` (without the surrounding quotes) to `output`,
    /// in pieces. With `validatingUTF8`, stops and returns false at the first byte that is
    /// not UTF-8 (RFC 3629), after handing over part of the text: the caller drops it.
    /// Without, the bytes are taken as UTF-8 (a Swift `String`'s are).
    static func escape(_ utf8: UnsafeBufferPointer<UInt8>, validatingUTF8: Bool,
                       to output: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard let input = utf8.baseAddress, !utf8.isEmpty else { return true }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkCapacity) { chunk in
            let escaper = JSONStringEscaper(input: input, count: utf8.count, chunk: chunk.baseAddress.unsafelyUnwrapped)
            return escaper.run(validatingUTF8: validatingUTF8, output)
        }
    }

    private init(input: UnsafePointer<UInt8>, count: Int, chunk: UnsafeMutablePointer<UInt8>) {
        self.input = input
        self.count = count
        self.chunk = chunk
    }

    /// The loops. Their state is two local counters (kept in registers): `position` in the
    /// input, `used` bytes of the chunk. Spans of 64 while they reach, then whole words in
    /// blocks that fit the chunk's room at the worst case (six bytes out per byte in), so
    /// no word checks for room; the last bytes of the input go as a word padded with zeros.
    /// Offsets stay far below `Int.max`, so the arithmetic wraps rather than checks.
    private func run(validatingUTF8: Bool, _ output: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        var position = 0
        var used = 0
        if count >= Self.spanReach {
            guard runSpans(position: &position, used: &used, validatingUTF8: validatingUTF8, output) else { return false }
        }
        while count &- position >= 8 {
            // Words this block may take: 48 bytes out each at most; a multi-byte sequence
            // may end three bytes past the block, and a word store writes eight bytes.
            let room = (Self.chunkCapacity &- used &- 32) / 48
            guard room > 0 else {
                output(UnsafeBufferPointer(start: chunk, count: used))
                used = 0
                continue
            }
            let last = position &+ (min(room, (count &- position) / 8) &- 1) &* 8
            while position <= last {
                let word = UInt64(littleEndian: UnsafeRawPointer(input + position).loadUnaligned(as: UInt64.self))
                let (quotes, others) = Self.attentionMasks(word)
                guard escape(word, quotes: quotes, others: others, length: 8, limit: last &+ 8,
                             position: &position, used: &used, validatingUTF8: validatingUTF8) else { return false }
            }
        }
        while position < count {
            if used > Self.chunkCapacity - Self.wordRoom {
                output(UnsafeBufferPointer(start: chunk, count: used))
                used = 0
            }
            let length = count &- position
            var word: UInt64 = 0
            for offset in 0..<length { word |= UInt64(input[position &+ offset]) &<< (8 &* UInt64(offset)) }
            let (quotes, others) = Self.attentionMasks(word)
            let inside = (1 &<< (8 &* UInt64(length))) &- 1
            guard escape(word, quotes: quotes & inside, others: others & inside, length: length, limit: count,
                         position: &position, used: &used, validatingUTF8: validatingUTF8) else { return false }
        }
        if used > 0 { output(UnsafeBufferPointer(start: chunk, count: used)) }
        return true
    }

    /// Writes the `length` bytes of `word` (the input at `position`) with their escapes
    /// and moves past them; or, at a byte above 0x7F, only up to it and the multi-byte
    /// sequences that follow it before `limit` (text in other scripts is mostly those).
    /// False when validating and such a sequence is not UTF-8.
    @inline(__always) private func escape(_ word: UInt64, quotes: UInt64, others: UInt64, length: Int, limit: Int,
                                          position: inout Int, used: inout Int, validatingUTF8: Bool) -> Bool {
        // Bit offset in `word` of the first byte not yet written.
        var done: UInt64 = 0
        if others == 0 {
            // Only quotes and backslashes, if anything: a backslash before each, the byte
            // itself goes out with the next piece of the word.
            var quotes = quotes
            while quotes != 0 {
                let bit = UInt64(quotes.trailingZeroBitCount) & ~7
                Self.store(word &>> done, at: chunk + used)
                used &+= Int(truncatingIfNeeded: (bit &- done) &>> 3)
                chunk[used] = UInt8(ascii: "\\")
                used &+= 1
                done = bit
                quotes &= quotes &- 1
            }
        } else {
            var marked = quotes | others
            while marked != 0 {
                let bit = UInt64(marked.trailingZeroBitCount) & ~7
                Self.store(word &>> done, at: chunk + used)
                used &+= Int(truncatingIfNeeded: (bit &- done) &>> 3)
                let byte = UInt8(truncatingIfNeeded: word &>> bit)
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    chunk[used] = UInt8(ascii: "\\")
                    used &+= 1
                    done = bit
                } else if byte < 0x80 {
                    used &+= Self.writeControlEscape(byte, to: chunk + used)
                    done = bit &+ 8
                } else {
                    position &+= Int(truncatingIfNeeded: bit &>> 3)
                    return multiByteRun(position: &position, used: &used, limit: limit, validatingUTF8: validatingUTF8)
                }
                marked &= marked &- 1
            }
        }
        Self.store(word &>> done, at: chunk + used)
        used &+= length &- Int(truncatingIfNeeded: done &>> 3)
        position &+= length
        return true
    }

    /// The high bit of every byte of `word` (bytes in memory order from the low end) that
    /// is a quote, a backslash, below 0x20, DEL or above 0x7F, and of no other byte. The
    /// usual zero-byte test may also mark a byte above a marked one (its borrow runs on);
    /// the loop takes every marked byte of a word, so these tests add to each byte's low
    /// seven bits, which cannot carry into the next byte.
    @inline(__always) static func attentionMask(_ word: UInt64) -> UInt64 {
        let (quotes, others) = attentionMasks(word)
        return quotes | others
    }

    /// Whether `utf8` needs no escaping at all (every byte printable ASCII, no quote, no
    /// backslash): then its JSON string is the bytes between quotes. A word at a time, the
    /// last word overlapping the one before (no byte-by-byte tail); under eight bytes, a
    /// byte at a time.
    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return true }
        let count = utf8.count
        guard count >= 8 else {
            for index in 0..<count {
                let byte = base[index]
                if byte &- 0x20 >= 0x5F || byte == 0x22 || byte == 0x5C { return false }
            }
            return true
        }
        var attention: UInt64 = 0
        var position = 0
        while position < count &- 8 {
            let (quotes, others) = attentionMasks(word(at: base + position))
            attention |= quotes | others
            position &+= 8
        }
        let (quotes, others) = attentionMasks(word(at: base + (count &- 8)))
        return attention | quotes | others == 0
    }

    @inline(__always) private static func word(at pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// `attentionMask` in two parts: quotes and backslashes (escaped by a backslash before
    /// them), and the rest (C0 controls, DEL and bytes above 0x7F). A byte above 0x7F whose
    /// low bits are a quote's or backslash's is in both.
    @inline(__always) static func attentionMasks(_ word: UInt64) -> (quotes: UInt64, others: UInt64) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = word & (ones &* 0x7F)
        let notControl = low &+ ones &* (0x80 - 0x20)        // high bit: low ≥ 0x20
        let notQuote = (low ^ ones &* 0x22) &+ ones &* 0x7F     // high bit: low ≠ 0x22
        let notBackslash = (low ^ ones &* 0x5C) &+ ones &* 0x7F // high bit: low ≠ 0x5C
        let delete = low &+ ones                                // high bit: low = 0x7F
        let highs = ones &* 0x80
        let others = (word | delete | ~notControl) & highs
        return (~(notQuote & notBackslash) & highs, others)
    }

    /// Stores the eight bytes of `word` at `out` (of which the caller keeps some).
    @inline(__always) private static func store(_ word: UInt64, at out: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(out).storeBytes(of: word.littleEndian, as: UInt64.self)
    }
}

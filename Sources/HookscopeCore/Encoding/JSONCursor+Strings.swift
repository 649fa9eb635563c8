extension JSONCursor {
    /// Checks the string starting at `position` (its opening quote) and moves past its
    /// closing quote: escapes as RFC 8259 allows, no raw control bytes, UTF-8 as RFC 3629.
    /// Most of a delivery's bytes are inside strings, so runs of plain bytes are skipped
    /// eight at a time.
    mutating func string() -> Bool {
        position += 1
        while true {
            skipPlainWords()
            let byte = peek
            if byte == UInt8(ascii: "\"") {
                position += 1
                return true
            } else if byte == UInt8(ascii: "\\") {
                guard escape() else { return false }
            } else if byte >= 0x80 {
                guard utf8Sequence() else { return false }
            } else if byte < 0x20 {
                return false   // a raw control byte, or the end of the text
            } else {
                position += 1
            }
        }
    }

    /// Skips whole 8-byte words that hold no quote, backslash or control byte (bytes of
    /// UTF-8 sequences stop it too: they are checked one by one).
    @inline(__always) private mutating func skipPlainWords() {
        guard let base else { return }
        while position + 8 <= count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            if Self.needsAttention(word) { return }
            position += 8
        }
    }

    /// Whether a word holds a byte that is `"`, `\`, below 0x20 or above 0x7F. Exact for
    /// the word as a whole (which byte it is may be wrong; the caller looks byte by byte).
    @inline(__always) static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (word &- ones &* 0x20) & ~word
        return ((hasQuote | hasBackslash | hasControl) & highs) | (word & highs) != 0
    }

    private mutating func escape() -> Bool {
        switch byte(at: position + 1) {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
            return true
        case UInt8(ascii: "u"):
            guard let unit = hex4(at: position + 2) else { return false }
            position += 6
            guard foundationDialect, unit & 0xF800 == 0xD800 else { return true }
            // JSONSerialization refuses a lone surrogate: a high one must have its low one next.
            guard unit < 0xDC00, byte(at: position) == UInt8(ascii: "\\"), byte(at: position + 1) == UInt8(ascii: "u"),
                  let low = hex4(at: position + 2), low & 0xFC00 == 0xDC00 else { return false }
            position += 6
            return true
        default:
            return false
        }
    }

    /// The four hex digits at `index` as a UTF-16 unit; nil if they are not.
    private func hex4(at index: Int) -> UInt32? {
        var unit: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = JSONScanner.hexValue(byte(at: index + offset)) else { return nil }
            unit = unit << 4 | digit
        }
        return unit
    }

    /// One multi-byte UTF-8 sequence starting at `position` (RFC 3629: no overlong forms,
    /// no surrogates, nothing above U+10FFFF).
    mutating func utf8Sequence() -> Bool {
        let lead = peek
        let length: Int
        var secondLow: UInt8 = 0x80, secondHigh: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondHigh = 0x9F
        case 0xF0: length = 4; secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondHigh = 0x8F
        default: return false
        }
        let second = byte(at: position + 1)
        guard second >= secondLow, second <= secondHigh else { return false }
        for offset in 2..<length {
            let continuation = byte(at: position + offset)
            guard continuation >= 0x80, continuation <= 0xBF else { return false }
        }
        position += length
        return true
    }
}

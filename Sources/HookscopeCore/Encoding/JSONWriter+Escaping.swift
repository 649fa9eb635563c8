/// JSON strings written from raw bytes in one pass: the bytes are checked as UTF-8, runs
/// that need no escape are copied whole (found eight bytes at a time), and nothing is
/// built in between (no `String`, no array), so a body costs one read and one write.
/// Before, a JSON line of a body validated it into a `String`, escaped that, and made a
/// `String` of the line: three passes and two copies of a large body.
extension JSONWriter {
    /// `"textKey":"…"` when `bytes` are UTF-8, else `"base64Key":"…"` with their base64;
    /// true when they were text. The check and the escaping are the same pass: a body that
    /// turns out not to be UTF-8 is cut off where that was found and written as base64.
    @discardableResult
    public mutating func textOrBase64Member(_ bytes: [UInt8], text textKey: StaticString, base64 base64Key: StaticString) -> Bool {
        let start = self.bytes.count
        key(textKey)
        let isText = bytes.withUnsafeBufferPointer { escapedString($0, validatingUTF8: true) }
        if isText { return true }
        cut(to: start)
        key(base64Key)
        base64String(bytes)
        return false
    }

    /// `"…"` holding the bytes' standard base64 (which needs no escaping).
    public mutating func base64String(_ bytes: [UInt8]) {
        raw("\"")
        bytes.withUnsafeBufferPointer { input in
            appendInPlace(Base64.encodedCount(input.count)) { Base64.encode(input, into: $0) }
        }
        raw("\"")
    }

    /// Writes `utf8` as a JSON string. With `validatingUTF8`, returns false and writes
    /// nothing when the bytes are not UTF-8 (RFC 3629); without, they are taken as UTF-8
    /// (a Swift `String`'s are).
    mutating func escapedString(_ utf8: UnsafeBufferPointer<UInt8>, validatingUTF8: Bool) -> Bool {
        let start = bytes.count
        reserve(utf8.count + 2)
        bytes.append(UInt8(ascii: "\""))
        var cursor = JSONCursor(buffer: utf8, position: 0)
        var runStart = 0
        while true {
            Self.skipPlainWords(&cursor)
            guard cursor.position < utf8.count else { break }
            let byte = cursor.peek
            if byte >= 0x80 {
                if let width = Self.terminalControlWidth(utf8, at: cursor.position) {
                    appendRun(utf8, from: runStart, to: cursor.position)
                    escapeScalar(utf8, at: cursor.position, width: width)
                    cursor.position += width
                    runStart = cursor.position
                    continue
                }
                if validatingUTF8 {
                    guard cursor.utf8Sequence() else {
                        cut(to: start)
                        return false
                    }
                } else {
                    cursor.position += 1
                }
                continue
            }
            if Self.needsEscape(byte) {
                appendRun(utf8, from: runStart, to: cursor.position)
                escape(byte)
                runStart = cursor.position + 1
            }
            cursor.position += 1
        }
        appendRun(utf8, from: runStart, to: utf8.count)
        bytes.append(UInt8(ascii: "\""))
        return true
    }

    /// Above ASCII, the scalars a terminal takes as control (as `TerminalSafeText` does):
    /// C1 controls U+0080–U+009F (U+009B is an 8-bit CSI), the line and paragraph
    /// separators U+2028/2029, and the bidi embeddings, overrides and isolates
    /// U+202A–202E and U+2066–2069. Written as `\uXXXX`, the same JSON value for every
    /// parser, so a `--json` line watched in a terminal cannot drive or reorder it (review
    /// M4). The width of such a sequence at `index`, or nil.
    @inline(__always) static func terminalControlWidth(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = utf8[index]
        if lead == 0xC2 {
            guard index + 1 < utf8.count else { return nil }
            return (0x80...0x9F).contains(utf8[index + 1]) ? 2 : nil
        }
        guard lead == 0xE2, index + 2 < utf8.count else { return nil }
        let second = utf8[index + 1], third = utf8[index + 2]
        if second == 0x80 && (0xA8...0xAE).contains(third) { return 3 }
        if second == 0x81 && (0xA6...0xA9).contains(third) { return 3 }
        return nil
    }

    /// `\uXXXX` (lower-case hex, as the C0 escapes) of the 2- or 3-byte sequence at `index`.
    private mutating func escapeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int, width: Int) {
        let scalar: UInt32 = width == 2
            ? UInt32(utf8[index + 1])
            : 0x2000 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
        raw("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigit(UInt8((scalar >> UInt32(shift)) & 0x0F)))
        }
    }

    /// The escaping rule: quotes, backslashes, C0 controls and DEL.
    @inline(__always) static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Moves the cursor over whole 8-byte words with no byte that needs an escape or a
    /// UTF-8 check (the scanner's test for quote, backslash, control and high bytes, plus DEL).
    @inline(__always) private static func skipPlainWords(_ cursor: inout JSONCursor) {
        guard let base = cursor.base else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        while cursor.position + 8 <= cursor.count {
            let word = UnsafeRawPointer(base + cursor.position).loadUnaligned(as: UInt64.self)
            let delete = word ^ (ones &* 0x7F)
            let hasDelete = (delete &- ones) & ~delete & (ones &* 0x80)
            if hasDelete != 0 || JSONCursor.needsAttention(word) { return }
            cursor.position += 8
        }
    }

    @inline(__always) private mutating func appendRun(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        if start < end { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<end])) }
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        default:
            raw("\\u00")
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0x0F))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 48 + nibble : 87 + nibble
    }
}

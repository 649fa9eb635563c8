/// JSON strings written from raw bytes in one pass: the bytes are checked as UTF-8 and
/// escaped 64 bytes a step, the rest a word at a time (`JSONStringEscaper`), and nothing
/// is built in between (no `String`, no array), so a body costs one read and one write.
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
    /// (a Swift `String`'s are). The loop is `JSONStringEscaper`'s.
    mutating func escapedString(_ utf8: UnsafeBufferPointer<UInt8>, validatingUTF8: Bool) -> Bool {
        let start = bytes.count
        reserve(utf8.count + 2)
        bytes.append(UInt8(ascii: "\""))
        let valid = JSONStringEscaper.escape(utf8, validatingUTF8: validatingUTF8) { bytes.append(contentsOf: $0) }
        guard valid else {
            cut(to: start)
            return false
        }
        bytes.append(UInt8(ascii: "\""))
        return true
    }

    /// A JSON string written in pieces by `write` (`content`), between its quotes: a
    /// sentence made of parts (a signature's reason) without a `String` of it in between.
    public mutating func stringOfPieces(_ write: (inout JSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "\""))
        write(&self)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A piece of a string written by `stringOfPieces`, escaped.
    public mutating func content(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            if JSONStringEscaper.isPlain(utf8) {
                bytes.append(contentsOf: utf8)
            } else {
                _ = JSONStringEscaper.escape(utf8, validatingUTF8: false) { bytes.append(contentsOf: $0) }
            }
        }
    }

    /// A literal piece of a string written by `stringOfPieces`, as it is: the caller's
    /// literals hold nothing to escape (tests compare the pieces with the whole escaped).
    public mutating func content(_ literal: StaticString) {
        raw(literal)
    }
}

/// Re-indents JSON text without decoding it: strings keep their exact bytes (so escapes
/// the sender wrote stay visible), keys, strings, numbers and literals get colours.
/// Returns nil when the bytes are not a well-bracketed JSON document.
public enum JSONPretty {
    public static let indentWidth = 2

    /// `cut`: the bytes are the start of a longer document (a body past the display
    /// limit), so running out of them mid-document ends the lines there instead of making
    /// them "not JSON"; what came before the end must still be JSON.
    public static func lines(of bytes: ArraySlice<UInt8>, cut: Bool = false) -> [StyledLine]? {
        var printer = Printer(bytes: Array(cut ? withoutCutCharacter(bytes) : bytes), cut: cut)
        return printer.run()
    }

    /// The bytes without a character the cut split (its first 1-3 bytes), so a cut
    /// through `é` does not show as an escape that is not in the body.
    static func withoutCutCharacter(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        // A body cut to nothing has no character to drop (and 1...0 would trap).
        guard !bytes.isEmpty else { return bytes }
        for back in 1...min(3, bytes.count) {
            let byte = bytes[bytes.endIndex - back]
            if byte & 0xC0 == 0x80 { continue }   // a continuation byte: look further back
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return length > back ? bytes.dropLast(back) : bytes
        }
        return bytes
    }

    private struct Printer {
        let bytes: [UInt8]
        let cut: Bool
        var index = 0
        var lines: [StyledLine] = []
        var line = StyledLine()
        var depth = 0
        var stack: [UInt8] = []

        init(bytes: [UInt8], cut: Bool) {
            self.bytes = bytes
            self.cut = cut
        }

        mutating func run() -> [StyledLine]? {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") else { return nil }
            var expectValue = true
            while true {
                skipSpace()
                guard index < bytes.count else { break }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard expectValue else { return nil }
                    let close: UInt8 = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    index += 1
                    line.append(String(UnicodeScalar(byte)), style: Palette.jsonPunctuation)
                    skipSpace()
                    if index < bytes.count, bytes[index] == close {
                        index += 1
                        line.append(String(UnicodeScalar(close)), style: Palette.jsonPunctuation)
                        expectValue = false
                        if stack.isEmpty { return finish() }
                    } else {
                        stack.append(close)
                        depth += 1
                        newLine()
                    }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard stack.last == byte else { return nil }
                    stack.removeLast()
                    depth -= 1
                    index += 1
                    newLine()
                    line.append(String(UnicodeScalar(byte)), style: Palette.jsonPunctuation)
                    expectValue = false
                    if stack.isEmpty { return finish() }
                case UInt8(ascii: ","):
                    guard !stack.isEmpty, !expectValue else { return nil }
                    index += 1
                    line.append(",", style: Palette.jsonPunctuation)
                    newLine()
                    expectValue = true
                case UInt8(ascii: ":"):
                    guard stack.last == UInt8(ascii: "}"), !expectValue else { return nil }
                    index += 1
                    line.append(": ", style: Palette.jsonPunctuation)
                    expectValue = true
                case UInt8(ascii: "\""):
                    guard expectValue else { return nil }
                    guard let end = stringEnd(from: index) else {
                        guard cut else { return nil }
                        line.append(bytes: bytes[index...], style: Palette.jsonString)
                        return endOfCut()
                    }
                    let isKey = stack.last == UInt8(ascii: "}") && nextNonSpace(after: end) == UInt8(ascii: ":")
                    line.append(bytes: bytes[index..<end], style: isKey ? Palette.jsonKey : Palette.jsonString)
                    index = end
                    expectValue = false
                default:
                    guard expectValue else { return nil }
                    let start = index
                    while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
                    guard index > start else { return nil }
                    let token = bytes[start..<index]
                    let isNumber = token.first.map { $0 == UInt8(ascii: "-") || ($0 >= 48 && $0 <= 57) } ?? false
                    // A literal the cut went through (`tr`) is the start of one.
                    let cutShort = cut && index == bytes.count
                    let isLiteral = ["true", "false", "null"].contains { literal in
                        cutShort ? Array(literal.utf8).starts(with: token) : Array(literal.utf8)[...] == token
                    }
                    guard isNumber || isLiteral else { return nil }
                    line.append(bytes: token, style: isNumber ? Palette.jsonNumber : Palette.jsonLiteral)
                    expectValue = false
                }
            }
            return cut ? endOfCut() : nil
        }

        /// The bytes ran out inside the document: the lines so far, the last one unfinished.
        mutating func endOfCut() -> [StyledLine]? {
            if line.columns > 0 { lines.append(line) }
            return lines
        }

        /// Whatever follows the document must be white space.
        mutating func finish() -> [StyledLine]? {
            skipSpace()
            guard index == bytes.count else { return nil }
            lines.append(line)
            return lines
        }

        mutating func newLine() {
            lines.append(line)
            line = StyledLine(String(repeating: " ", count: depth * JSONPretty.indentWidth))
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        /// The index after the closing quote of the string starting at `start`.
        func stringEnd(from start: Int) -> Int? {
            var i = start + 1
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                if bytes[i] == UInt8(ascii: "\"") { return i + 1 }
                i += 1
            }
            return nil
        }

        func nextNonSpace(after position: Int) -> UInt8? {
            var i = position
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
            return i < bytes.count ? bytes[i] : nil
        }

        static func isDelimiter(_ byte: UInt8) -> Bool {
            [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":")].contains(byte)
        }
    }
}

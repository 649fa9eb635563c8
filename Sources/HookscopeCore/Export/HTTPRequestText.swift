/// A request as plain text for a person to edit (`e` in the terminal UI opens it in
/// `$EDITOR`): request line, `Name: value` lines, a blank line, the body.
///
/// Editors add a final newline when saving, so `format` ends the file with one newline
/// after the body and `parse` takes exactly one away: an unedited file gives back the
/// original bytes, whether or not the body ended with a newline.
public enum HTTPRequestText {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The text of one request, LF line endings.
    public static func format(_ exchange: Exchange) -> [UInt8] {
        var out = Array("\(exchange.method) \(exchange.target) \(exchange.httpVersion)\n".utf8)
        for header in exchange.headers {
            out.append(contentsOf: "\(header.name): \(header.value)\n".utf8)
        }
        out.append(0x0A)
        out.append(contentsOf: exchange.body)
        out.append(0x0A)
        return out
    }

    /// The edited request, as a copy of `original` with the method, target, version,
    /// headers and body read from the text. nil for an empty (or whitespace-only) text:
    /// the person cancelled. A `Content-Length` header is set to the new body's length.
    public static func apply(_ text: [UInt8], to original: Exchange) throws -> Exchange? {
        guard text.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return nil }
        var lines: [ArraySlice<UInt8>] = []
        var position = text.startIndex
        var bodyStart: Int?
        while position < text.endIndex {
            let end = text[position...].firstIndex(of: 0x0A) ?? text.endIndex
            var line = text[position..<end]
            if line.last == 0x0D { line = line.dropLast() }
            position = min(end + 1, text.endIndex)
            if line.isEmpty {
                if lines.isEmpty { continue } // blank lines before the request line
                bodyStart = end < text.endIndex ? end + 1 : text.endIndex
                break
            }
            lines.append(line)
        }
        guard let requestLine = lines.first else { throw ParseError(description: "no request line") }
        let parts = String(decoding: requestLine, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/") else {
            throw ParseError(description: "the first line must be 'METHOD /target HTTP/1.1'")
        }
        guard parts[0].utf8.allSatisfy(isTokenByte) else {
            throw ParseError(description: "the method '\(TerminalSafeText.string(String(parts[0])))' is not an HTTP token")
        }
        var headers: [HeaderField] = []
        for (index, line) in lines.dropFirst().enumerated() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                throw ParseError(description: "line \(index + 2) is not 'Name: value'")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            guard name.utf8.allSatisfy(isTokenByte) else {
                throw ParseError(description: "line \(index + 2): '\(TerminalSafeText.string(name))' is not a header name")
            }
            var value = line[(colon + 1)...]
            while value.first == 0x20 || value.first == 0x09 { value = value.dropFirst() }
            while value.last == 0x20 || value.last == 0x09 { value = value.dropLast() }
            headers.append(HeaderField(name, String(decoding: value, as: UTF8.self)))
        }
        var body = bodyStart.map { Array(text[$0...]) } ?? []
        if body.last == 0x0A { body.removeLast() }
        var edited = original
        edited.method = String(parts[0])
        edited.target = String(parts[1])
        edited.httpVersion = String(parts[2])
        edited.headers = headers.map { header in
            header.name.caseInsensitiveEquals("Content-Length") ? HeaderField(header.name, String(body.count)) : header
        }
        edited.body = body
        edited.bodySize = body.count
        edited.bodyTruncated = false
        return edited
    }

    /// RFC 9110 token characters.
    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }
}

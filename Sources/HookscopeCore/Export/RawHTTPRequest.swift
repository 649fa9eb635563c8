/// A request as saved from the wire (`hookscope verify --request-file`): request line,
/// header lines, blank line, body. Only what verification needs; no chunked decoding.
public struct RawHTTPRequest: Sendable, Equatable {
    public var method: String
    public var target: String
    public var headers: [HeaderField]
    public var body: [UInt8]

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(parsing bytes: [UInt8]) throws {
        guard let (headEnd, bodyStart) = Self.endOfHead(bytes) else {
            throw ParseError(description: "no blank line after the headers")
        }
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        var lines = head.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard !lines.isEmpty else { throw ParseError(description: "empty request") }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/") else {
            throw ParseError(description: "the first line is not 'METHOD /path HTTP/1.1'")
        }
        method = String(requestLine[0])
        target = String(requestLine[1])
        headers = try lines.filter { !$0.isEmpty }.map { line in
            guard let colon = line.firstIndex(of: ":") else { throw ParseError(description: "header line without ':': \(TerminalSafeText.string(String(line.prefix(40))))") }
            let name = String(line[..<colon])
            let value = SignatureHeaderParser.trimSpaces(String(line[line.index(after: colon)...]))
            return HeaderField(name, value)
        }
        var body = Array(bytes[bodyStart...])
        if headers.first(named: "Transfer-Encoding")?.lowercased().contains("chunked") == true {
            throw ParseError(description: "chunked bodies are not supported; save the request with the body as sent after decoding")
        }
        if let length = headers.first(named: "Content-Length").flatMap({ Int($0) }), length >= 0, length < body.count {
            body = Array(body.prefix(length))
        }
        self.body = body
    }

    /// The end of the header block and the start of the body, accepting CRLF or LF.
    private static func endOfHead(_ bytes: [UInt8]) -> (Int, Int)? {
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { return (i, i + 2) }
                if i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }
}

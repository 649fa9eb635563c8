import HookscopeCore

/// A request hookscope sends itself (forward, replay, send): exact method, URL, headers in
/// order and body bytes.
public struct OutgoingRequest: Sendable, Equatable {
    public var method: String
    /// Absolute `http://` or `https://` URL with the target exactly as it should be sent.
    public var url: String
    public var headers: [HeaderField]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [HeaderField], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The captured request sent to another base URL (`http://localhost:3000` or with a
    /// path prefix, `http://localhost:3000/app`), same target after the prefix.
    public init(_ exchange: Exchange, base: String) {
        var prefix = base
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let target = exchange.target.hasPrefix("/") ? exchange.target : "/" + exchange.target
        self.init(method: exchange.method, url: prefix + target, headers: exchange.headers, body: exchange.body)
    }

    /// Whether the body is to be sent chunked (the original was).
    var isChunked: Bool {
        headers.all(named: "Transfer-Encoding").contains { $0.lowercased().contains("chunked") }
    }
}

/// What the other side answered, and how long it took.
public struct OutgoingResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// From handing the request to the client to the last byte of the answer.
    public var durationMilliseconds: Double

    public init(status: Int, headers: [HeaderField], body: [UInt8], durationMilliseconds: Double) {
        self.status = status
        self.headers = headers
        self.body = body
        self.durationMilliseconds = durationMilliseconds
    }
}

/// Why no answer came back, in the terms a person (and a proxy's status code) needs.
public enum OutgoingFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing listens there (connection refused, host unknown, unreachable).
    case unreachable(String)
    /// No (complete) answer within the time allowed.
    case timedOut(milliseconds: Int)
    /// Something answered, but not with HTTP we can read (or it hung up mid-answer).
    case invalidResponse(String)
    /// The request itself cannot be sent (bad URL, header the client refuses).
    case invalidRequest(String)
    /// TLS kept the request from the app: a certificate not trusted, and why; an `http://`
    /// URL that met a TLS port; a handshake refused. A sentence that says what to do.
    case tls(String)

    public var description: String {
        switch self {
        case .unreachable(let why): return "cannot connect: \(why)"
        case .timedOut(let ms): return "no answer within \(ms) ms"
        case .invalidResponse(let why): return "invalid answer: \(why)"
        case .invalidRequest(let why): return "cannot send the request: \(why)"
        case .tls(let why): return why
        }
    }
}

/// The parts of a delivery that signature checking looks at.
public struct SignedRequest: Sendable, Equatable {
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// The body was cut at the size limit: no signature over it can match.
    public var bodyTruncated: Bool
    /// When it arrived, in unix seconds: the reference for timestamp tolerance.
    public var receivedAt: Int64
    /// The request method, for recipes that sign `{method}`.
    public var method: String
    /// The request target (path and query), for recipes that sign `{path}` or `{url}`.
    public var target: String

    public init(headers: [HeaderField], body: [UInt8], bodyTruncated: Bool = false, receivedAt: Int64, method: String = "POST", target: String = "/") {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.bodyTruncated = bodyTruncated
        self.receivedAt = receivedAt
    }

    public init(_ exchange: Exchange) {
        self.init(
            headers: exchange.headers, body: exchange.body, bodyTruncated: exchange.bodyTruncated,
            receivedAt: exchange.receivedAt.nanosecondsSinceEpoch / 1_000_000_000,
            method: exchange.method, target: exchange.target
        )
    }

    /// The target without its query.
    public var path: String { String(target.prefix { $0 != "?" }) }
}

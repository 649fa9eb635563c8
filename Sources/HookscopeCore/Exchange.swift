/// One delivery: the request exactly as received, what it was found to be, and the answer.
public struct Exchange: Sendable, Equatable, Identifiable {
    /// Increasing, assigned by the `CaptureStore`; 0 until stored.
    public var id: Int
    public var receivedAt: Timestamp
    /// `ip:port` of the peer.
    public var remote: String
    public var method: String
    /// The request target as sent (path and query), e.g. `/hooks?x=1`.
    public var target: String
    public var headers: [HeaderField]
    /// The body bytes as received, up to the body limit.
    public var body: [UInt8]
    /// Bytes the sender sent or declared; larger than `body.count` when truncated.
    public var bodySize: Int
    public var analysis: ExchangeAnalysis
    /// nil while the answer is still pending.
    public var response: ExchangeResponse?
    /// After the response, whose last bytes leave room for it: before, it took a word of
    /// padding of its own in every stored exchange.
    public var bodyTruncated: Bool
    /// Set for the few exchanges that have any of them; see `ExchangeRareParts`.
    private(set) var rareBox: ExchangeRareBox?

    public init(
        id: Int = 0,
        receivedAt: Timestamp,
        remote: String,
        method: String,
        target: String,
        httpVersion: String = "HTTP/1.1",
        headers: [HeaderField],
        body: [UInt8],
        bodySize: Int? = nil,
        bodyTruncated: Bool = false,
        analysis: ExchangeAnalysis = .none,
        response: ExchangeResponse? = nil,
        upstream: UpstreamResponse? = nil
    ) {
        self.id = id
        self.receivedAt = receivedAt
        self.remote = remote
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.bodySize = bodySize ?? body.count
        self.bodyTruncated = bodyTruncated
        self.analysis = analysis
        self.response = response
        self.httpVersion = httpVersion
        self.upstream = upstream
    }

    var rare: ExchangeRareParts {
        get { rareBox?.parts ?? ExchangeRareParts() }
        set { rareBox = newValue.isEmpty ? nil : ExchangeRareBox(newValue) }
    }

    /// `HTTP/1.1`, `HTTP/1.0`, ... as the request line said.
    public var httpVersion: String {
        get { rare.httpVersion ?? "HTTP/1.1" }
        set { rare.httpVersion = newValue == "HTTP/1.1" ? nil : newValue }
    }

    /// Why the request was refused before it could be read as HTTP (malformed framing,
    /// oversized headers, ...); nil for a request that parsed.
    public var rejection: String? {
        get { rare.rejection }
        set { rare.rejection = newValue }
    }

    /// What the upstream app answered when the delivery was forwarded (`--forward`);
    /// not part of the JSON Lines contract.
    public var upstream: UpstreamResponse? {
        get { rare.upstream }
        set { rare.upstream = newValue }
    }

    /// The capture this one is a replay of ("replay of #17"); not part of the JSON Lines
    /// contract.
    public var replayOf: Int? {
        get { rare.replayOf }
        set { rare.replayOf = newValue }
    }

    /// The `remote` of a replay's row: what tells a saved replay from a delivery in a file,
    /// which keeps no `replayOf`.
    public static let replayRemote = "hookscope replay"

    /// The scheme of the URL the request was sent to when it is not `http`: `https` for a
    /// request loaded from an archive that says so; not part of the JSON Lines contract.
    public var scheme: String? {
        get { rare.scheme }
        set { rare.scheme = newValue }
    }

    /// The relay it came through (`--source smee:URL`); nil for a request to the listener.
    public var relay: ExchangeRelay? {
        get { rare.relay }
        set { rare.relay = newValue }
    }

    /// The target without its query string.
    public var path: String {
        guard let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return target }
        return String(target[..<q])
    }

    /// The query string without `?`, or nil when the target has none. (The first `?` byte:
    /// searched as UTF-8, not as characters, which took a JSON line 2 000 instructions.)
    public var query: String? {
        guard let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return String(target[target.utf8.index(after: q)...])
    }

    public var isComplete: Bool { response != nil }
}

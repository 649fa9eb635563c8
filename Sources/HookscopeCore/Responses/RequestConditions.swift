/// "Deliveries that look like this": the conditions of a `--rule` and of a `--forward`
/// route (`[METHOD] [/path/glob] [provider=NAME]`). No condition matches everything.
public struct RequestConditions: Sendable, Equatable {
    public var method: String?
    /// A glob over the path: `*` matches within a segment, `**` across segments.
    public var pathGlob: String?
    public var provider: String?

    public init(method: String? = nil, pathGlob: String? = nil, provider: String? = nil) {
        self.method = method
        self.pathGlob = pathGlob
        self.provider = provider
    }

    public func matches(_ exchange: Exchange) -> Bool {
        if let method, !method.caseInsensitiveEquals(exchange.method) { return false }
        if let provider, exchange.analysis.provider.map({ $0.caseInsensitiveEquals(provider) }) != true { return false }
        if let pathGlob, !PathGlob(pathGlob).matches(exchange.path) { return false }
        return true
    }

    /// `POST /teamwork/** provider=teamwork`; `*` for no condition.
    public var summary: String {
        var parts: [String] = []
        if let method { parts.append(method.uppercased()) }
        parts.append(pathGlob ?? "*")
        if let provider { parts.append("provider=\(provider)") }
        return parts.joined(separator: " ")
    }
}

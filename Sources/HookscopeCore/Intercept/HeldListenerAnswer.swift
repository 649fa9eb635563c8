/// What a listener sent a held request's sender when it answered it itself.
public struct HeldListenerAnswer: Sendable, Equatable {
    /// nil: no answer (dropped, or the sender hung up).
    public var status: Int?
    public var source: ExchangeResponse.Source

    public init(status: Int?, source: ExchangeResponse.Source) {
        self.status = status
        self.source = source
    }

    /// `200 at its deadline`, `410 from its own terminal UI`, `none: the sender hung up`.
    public var summary: String {
        let code = status.map(String.init) ?? "no answer"
        switch source {
        case .timeout: return "\(code) at its deadline"
        case .intercept: return status == nil ? "dropped from its own terminal UI" : "\(code) from its own terminal UI"
        case .disconnected: return "none: the sender hung up"
        case .forward: return "\(code) from the app it forwards to"
        case .shutdown: return "none: it was stopping"
        default: return "\(code) (\(source.rawValue))"
        }
    }
}

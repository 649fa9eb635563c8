/// What someone decided for a request a listener holds (remote intercept): answer it this
/// way, drop it, or send it to the app of a forwarder attached to the store. Kept in the
/// store as text (`decision`): the answer as `--respond` writes it, `drop`, or `forward ID`
/// (the forwarder's id in `hookscope_forwarders`); `listener` marks a request the listener
/// answered itself (its own terminal UI, its deadline, or the sender hung up).
public enum HeldDecision: Sendable, Equatable {
    case answer(AnswerSpec)
    case drop
    /// Offered to this forwarder alone (`attach --forward` from whose terminal UI it was
    /// decided): its app's answer goes to the sender.
    case forward(forwarder: String)
    case byListener

    public static let byListenerText = "listener"

    public var text: String {
        switch self {
        case .answer(let spec): return spec.specText
        case .drop: return "drop"
        case .forward(let forwarder): return Self.forwardPrefix + forwarder
        case .byListener: return Self.byListenerText
        }
    }

    static let forwardPrefix = "forward "

    /// nil when the text is none of these (written by a newer hookscope, or by hand): the
    /// listener then answers by its plan at the deadline.
    public init?(text: String) {
        switch text {
        case "drop": self = .drop
        case Self.byListenerText: self = .byListener
        case _ where text.hasPrefix(Self.forwardPrefix):
            let forwarder = String(text.dropFirst(Self.forwardPrefix.count))
            guard !forwarder.isEmpty, !forwarder.contains(" ") else { return nil }
            self = .forward(forwarder: forwarder)
        default:
            guard let spec = try? AnswerSpecParser.parseStep(text) else { return nil }
            self = .answer(spec)
        }
    }

    /// For the message line: `503`, `dropped`, `answered by the listener`.
    public var summary: String {
        switch self {
        case .answer(let spec): return spec.summary
        case .drop: return "dropped"
        case .forward: return "offered to a forwarder's app"
        case .byListener: return "answered by the listener itself"
        }
    }
}

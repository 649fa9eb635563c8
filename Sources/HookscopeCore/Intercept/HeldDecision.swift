/// What someone decided for a request a listener holds (remote intercept): answer it this
/// way, or drop it. Kept in the store as text (`decision`): the answer as `--respond`
/// writes it, or `drop`; `listener` marks a request the listener answered itself (its own
/// terminal UI, its deadline, or the sender hung up).
public enum HeldDecision: Sendable, Equatable {
    case answer(AnswerSpec)
    case drop
    case byListener

    public static let byListenerText = "listener"

    public var text: String {
        switch self {
        case .answer(let spec): return spec.specText
        case .drop: return "drop"
        case .byListener: return Self.byListenerText
        }
    }

    /// nil when the text is none of these (written by a newer hookscope, or by hand): the
    /// listener then answers by its plan at the deadline.
    public init?(text: String) {
        switch text {
        case "drop": self = .drop
        case Self.byListenerText: self = .byListener
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
        case .byListener: return "answered by the listener itself"
        }
    }
}

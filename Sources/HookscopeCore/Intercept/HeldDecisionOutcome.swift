/// What became of one attempt to decide a held request from an attached UI: the first
/// decision wins (one UPDATE that requires none yet), the others learn whose it was.
public enum HeldDecisionOutcome: Sendable, Equatable {
    /// This decision is the one the listener carries out.
    case decided(HeldDecision)
    /// Someone was first: who, and what they decided.
    case alreadyDecided(by: String, decision: String)
    /// Its deadline passed: the listener answered it by its plan.
    case tooLate
    /// The store no longer has it (the listener is gone, or it was cleaned up).
    case gone

    /// For the message line and the headless log; `by` and `decision` come from the store
    /// and are escaped by whoever prints them.
    public func message(id: Int) -> String {
        switch self {
        case .decided(let decision):
            return decision == .drop ? "dropped #\(id)" : "answered #\(id) with \(decision.summary)"
        case .alreadyDecided(let by, let text):
            let what = HeldDecision(text: text)?.summary ?? text
            return "#\(id) was already decided by \(by): \(what)"
        case .tooLate:
            return "#\(id) is no longer waiting: its deadline passed and the listener answered by its plan"
        case .gone:
            return "#\(id) is no longer waiting"
        }
    }

    public var isError: Bool {
        if case .decided = self { return false }
        return true
    }
}

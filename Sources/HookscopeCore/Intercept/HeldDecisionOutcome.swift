/// What became of one attempt to decide a held request from an attached UI. A decision
/// wins in the store by one UPDATE that requires none yet, but only the listener knows
/// what the sender got: it is `decided` once the listener confirmed it carried it out.
public enum HeldDecisionOutcome: Sendable, Equatable {
    /// The listener carried this decision out: the sender got it.
    case decided(HeldDecision)
    /// This decision reached the store first, but the listener had already answered the
    /// request itself in that instant (its deadline, its own terminal UI, a hang-up); what
    /// the sender got, when the store has that answer already.
    case listenerAnsweredFirst(HeldListenerAnswer?)
    /// This decision is in the store; the listener has not confirmed it carried it out
    /// (it may be away or slow, and may yet answer by its plan at the deadline).
    case unconfirmed(HeldDecision)
    /// Someone was first: who, and what they decided.
    case alreadyDecided(by: String, decision: String)
    /// Its deadline is past, or too close for the listener to be sure to see a decision.
    case tooLate
    /// The store no longer has it (the listener is gone, or it was cleaned up).
    case gone

    /// For the message line and the headless log; `by` and `decision` come from the store
    /// and are escaped by whoever prints them.
    public func message(id: Int) -> String {
        switch self {
        case .decided(.drop):
            return "dropped #\(id)"
        case .decided(.forward):
            // An offer, not a forward done (session 16 review M2): the listener confirms it
            // offered it; the claim and the app's answer come after.
            return "#\(id) is offered to your app through the store (its answer goes to the sender if your forwarder claims it within the listener's --claim-timeout)"
        case .decided(let decision):
            return "answered #\(id) with \(decision.summary)"
        case .listenerAnsweredFirst(let answer):
            return "the listener had already answered #\(id)" + (answer.map { ": \($0.summary)" } ?? " itself")
        case .unconfirmed(let decision):
            return "#\(id): \(decision.summary) is in the store; no confirmation from the listener yet"
        case .alreadyDecided(let by, let text):
            let what = HeldDecision(text: text)?.summary ?? text
            return "#\(id) was already decided by \(by): \(what)"
        case .tooLate:
            return "#\(id) is no longer waiting: its deadline passed (or is under \(Self.marginText) away) and the listener answers it by its plan"
        case .gone:
            return "#\(id) is no longer waiting"
        }
    }

    public var isError: Bool {
        if case .decided = self { return false }
        return true
    }
}

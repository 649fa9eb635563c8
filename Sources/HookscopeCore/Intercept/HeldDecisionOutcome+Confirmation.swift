extension HeldDecisionOutcome {
    /// How long before a held request's deadline (on the database's clock) a decision is
    /// still taken: the listener looks every 100 ms and its clock may differ from the
    /// database's, so a decision closer than this would often lose to the deadline.
    public static let marginMilliseconds = 1000
    static var marginText: String { "\(marginMilliseconds / 1000) s" }

    /// The outcome of a decision that won in the store, from its row as read back; nil
    /// while the listener has not confirmed yet (or, when it answered itself, while the
    /// store does not have its answer yet) and `final` is false.
    public static func confirmation(of mine: HeldDecision, row: HeldRowReading?, final: Bool) -> HeldDecisionOutcome? {
        guard let applied = row?.applied else { return final ? .unconfirmed(mine) : nil }
        // Compared as text: the store only ever had `mine.text`, and a spec whose text drops
        // part of what was typed (a Retry-After on `hang`) does not parse back equal.
        if applied != HeldDecision.byListenerText, applied == mine.text || HeldDecision(text: applied) == mine { return .decided(mine) }
        if row?.answer == nil, !final { return nil }
        return .listenerAnsweredFirst(row?.answer)
    }
}

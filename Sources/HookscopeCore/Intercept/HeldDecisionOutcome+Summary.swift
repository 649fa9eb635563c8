extension HeldDecisionOutcome {
    /// One message for a decision on many held requests (`A`, `D` on all), so the outcomes
    /// do not overwrite each other on the one message line: `answered 37 with 503; 3
    /// already decided by ana@laptop`. A single request gets its own message. `by` comes
    /// from the store and is escaped by whoever prints it.
    public static func summary(_ outcomes: [(id: Int, outcome: HeldDecisionOutcome)]) -> String {
        if outcomes.count == 1 { return outcomes[0].outcome.message(id: outcomes[0].id) }
        guard !outcomes.isEmpty else { return "no held request to decide" }
        // Usually one decision for all; kept in the order first seen.
        var decided: [(decision: HeldDecision, count: Int)] = []
        var listenerFirst: [Int] = []
        var unconfirmed = 0
        var byWhom: [String: Int] = [:]
        var whomOrder: [String] = []
        var notWaiting = 0
        for (id, outcome) in outcomes {
            switch outcome {
            case .decided(let decision):
                if let index = decided.firstIndex(where: { $0.decision == decision }) { decided[index].count += 1 } else { decided.append((decision, 1)) }
            case .listenerAnsweredFirst: listenerFirst.append(id)
            case .unconfirmed: unconfirmed += 1
            case .alreadyDecided(let by, _):
                if byWhom[by] == nil { whomOrder.append(by) }
                byWhom[by, default: 0] += 1
            case .tooLate, .gone: notWaiting += 1
            }
        }
        var parts = decided.map { decided -> String in
            switch decided.decision {
            case .drop: return "dropped \(decided.count)"
            case .forward: return "offered \(decided.count) to your app through the store"
            default: return "answered \(decided.count) with \(decided.decision.summary)"
            }
        }
        if !listenerFirst.isEmpty {
            let shown = listenerFirst.prefix(3).map { "#\($0)" }.joined(separator: ", ") + (listenerFirst.count > 3 ? ", …" : "")
            parts.append("the listener had already answered \(listenerFirst.count) itself (\(shown))")
        }
        if unconfirmed > 0 { parts.append("\(unconfirmed) in the store, no confirmation from the listener yet") }
        parts += whomOrder.map { "\(byWhom[$0] ?? 0) already decided by \($0)" }
        if notWaiting > 0 { parts.append("\(notWaiting) no longer waiting") }
        return parts.joined(separator: "; ")
    }
}

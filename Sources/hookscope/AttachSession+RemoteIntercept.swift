import HookscopeCore
import HookscopeStore
import HookscopeTUI

extension AttachSession {
    /// Remote intercept in an attached terminal UI: the requests the listeners hold are
    /// shown waiting (with their countdown), and `a`, `A` and `D` decide them for everyone;
    /// the first decision wins, a later one is told whose it was, and a winning one is
    /// reported once the listener confirmed the sender got it.
    static func answerControls(_ held: HeldRequestsFollower, plans: SharedPlanStore) -> AnswerControls {
        AnswerControls(
            plan: nil,
            shared: sharedPlanControls(plans),
            decideThroughStore: { ids, answer, report in
                let decision: HeldDecision = answer.map { .answer($0) } ?? .drop
                let who = UserAtHost.current
                // One task, one connection and one statement for all of them (review L1),
                // and one message that sums them up.
                Task {
                    do {
                        let outcomes = try await held.decide(exchangeIDs: ids, decision, by: who)
                        report(StatusMessage(HeldDecisionOutcome.summary(outcomes), isError: outcomes.contains { $0.outcome.isError }))
                    } catch {
                        let which = ids.count == 1 ? "#\(ids[0]) is" : "\(ids.count) held requests are"
                        report(StatusMessage("\(which) undecided: \(StoreConnector.reason(error))", isError: true))
                    }
                }
            },
            waiting: { held.waiting.map { PendingAnswer(id: $0.exchangeID, deadline: $0.deadline) } }
        )
    }
}

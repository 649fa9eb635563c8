import HookscopeCore
import HookscopeStore
import HookscopeTUI

extension AttachSession {
    /// Remote intercept in an attached terminal UI: the requests the listeners hold are
    /// shown waiting (with their countdown), and `a`, `A` and `D` decide them for everyone;
    /// the first decision wins, and a later one is told whose it was.
    static func answerControls(_ held: HeldRequestsFollower, plans: SharedPlanStore) -> AnswerControls {
        AnswerControls(
            plan: nil,
            shared: sharedPlanControls(plans),
            decideThroughStore: { ids, answer, report in
                let decision: HeldDecision = answer.map { .answer($0) } ?? .drop
                let who = UserAtHost.current
                for id in ids {
                    Task {
                        do {
                            let outcome = try await held.decide(exchangeID: id, decision, by: who)
                            report(StatusMessage(outcome.message(id: id), isError: outcome.isError))
                        } catch {
                            report(StatusMessage("#\(id) is undecided: \(StoreConnector.reason(error))", isError: true))
                        }
                    }
                }
            },
            waiting: { held.waiting.map { PendingAnswer(id: $0.exchangeID, deadline: $0.deadline) } }
        )
    }
}

import HookscopeCore
import HookscopeStore
import HookscopeTUI

extension AttachSession {
    /// Remote intercept in an attached terminal UI: the requests the listeners hold are
    /// shown waiting (with their countdown), and `a`, `A` and `D` decide them for everyone;
    /// the first decision wins, a later one is told whose it was, and a winning one is
    /// reported once the listener confirmed the sender got it.
    static func answerControls(_ held: HeldRequestsFollower, plans: SharedPlanStore, forwarding: AttachForwarding?, store: CaptureStore) -> AnswerControls {
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
                        report(Self.undecided(ids, error))
                    }
                }
            },
            forwardThroughStore: forwarding.map { forwardControl(held, forwarding: $0, store: store) },
            waiting: { held.waiting.map { PendingAnswer(id: $0.exchangeID, deadline: $0.deadline) } }
        )
    }

    /// `forward to the app` in the picker of an attached UI that forwards: the decision
    /// names this forwarder, the listener offers the held requests to it alone, and its
    /// app's answer goes to each sender (the tunnel's claim and forward deadlines apply from
    /// the decision). A request none of its routes takes is left waiting, with why: the
    /// forwarder would only answer 502.
    static func forwardControl(_ held: HeldRequestsFollower, forwarding: AttachForwarding, store: CaptureStore) -> @Sendable ([Int], @escaping @Sendable (StatusMessage) -> Void) -> Void {
        let routes = forwarding.forwarder.configuration.routes
        let forwarder = forwarding.claimer.forwarderID
        return { ids, report in
            let taken = ids.filter { id in store.exchange(id: id).map { routes.route(for: $0) != nil } ?? false }
            for id in ids where !taken.contains(id) {
                report(StatusMessage("#\(id) matches none of your --forward routes: answer or drop it", isError: true))
            }
            guard !taken.isEmpty else { return }
            let who = UserAtHost.current
            Task {
                do {
                    let outcomes = try await held.decide(exchangeIDs: taken, .forward(forwarder: forwarder), by: who)
                    report(StatusMessage(HeldDecisionOutcome.summary(outcomes), isError: outcomes.contains { $0.outcome.isError }))
                } catch {
                    report(Self.undecided(taken, error))
                }
            }
        }
    }

    /// A decision that did not go through: undecided when the store refused it (or never
    /// got it), in doubt when its answer was lost on the way (session 16 review L1).
    static func undecided(_ ids: [Int], _ error: any Error) -> StatusMessage {
        let which = ids.count == 1 ? "#\(ids[0])" : "\(ids.count) held requests"
        if let doubt = error as? HeldRequestsFollower.InDoubt {
            return StatusMessage("\(which) may or may not be decided (the store did not answer: \(doubt.reason))", isError: true)
        }
        return StatusMessage("\(which) \(ids.count == 1 ? "is" : "are") undecided: \(StoreConnector.reason(error))", isError: true)
    }
}

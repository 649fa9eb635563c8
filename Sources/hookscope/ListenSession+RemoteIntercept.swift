import HookscopeCore
import HookscopeServer
import HookscopeStore

extension ListenSession {
    /// Remote intercept: the requests this listener holds are published to the store, and
    /// what any attached UI decides for one is carried out here. The intercept controller's
    /// own deadline still answers by the plan when nobody decides in time, with or without
    /// the database. Headless, each decision from the store is a line of the log, also one
    /// that came too late to be carried out, or a forward that could not be offered.
    func publishHeldRequests(_ writer: StoreWriter?, interceptor: InterceptController, relay: RemoteForwardRelay?) -> (publisher: HeldRequestsPublisher, task: Task<Void, Never>)? {
        guard let writer else { return nil }
        let printsLines = !wantsTerminalUI
        let publisher = HeldRequestsPublisher(
            connector: writer.connector, run: writer.run, listenerName: writer.listenerName,
            holding: { interceptor.waiting.map { HeldRequestsSync.Held(localID: $0.id, deadline: $0.deadline) } },
            carryOut: { localID, decision, by in
                var done: Bool
                var notOffered: String?
                switch decision {
                case .answer(let spec): done = interceptor.decide(id: localID, .answer(spec))
                case .drop: done = interceptor.decide(id: localID, .drop)
                case .forward(let forwarder):
                    done = interceptor.decide(id: localID, .forwardThroughStore(forwarder: forwarder))
                    // Without a relay (it could not connect at start), while it stops, or
                    // for no forwarder's id, the connection cannot offer it and answers by
                    // the plan (`unclaimed`) at once: the row is this listener's own, with
                    // the forward as what came too late, never confirmed as carried out
                    // (session 16 review M2).
                    notOffered = relay.map { $0.whyNotOffered(only: forwarder) }
                        ?? "this listener has no connection for forwarding through the store (it could not make one at start)"
                    if done, notOffered != nil { done = false } else { notOffered = nil }
                case .byListener: done = false
                }
                // Whoever can write to the store wrote `by` (and the forwarder's id): escaped
                // before it is printed.
                let who = TerminalSafeText.string(by)
                if printsLines {
                    Self.printNotice(done
                        ? "held #\(localID): \(decision.summary), decided by \(who) through the store"
                        : notOffered.map { "held #\(localID): \(who)'s decision (\(decision.summary)) could not be offered: \(TerminalSafeText.string($0)); the plan answered" }
                            ?? "held #\(localID): \(who)'s decision, \(decision.summary), came too late: this listener had answered it; the store says so")
                }
                // Not carried out: the publisher marks the row this listener's own.
                // UNFINISHED: `done` means the controller handed the decision to the request's
                // connection; a sender that hangs up in that same instant gets nothing, and the
                // row says the decision went out (the exchange's own row says `disconnected`).
                return done
            },
            notice: storeNotice
        )
        return (publisher, Task { await publisher.follow() })
    }
}

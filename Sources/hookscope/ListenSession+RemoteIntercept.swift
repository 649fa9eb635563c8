import HookscopeCore
import HookscopeServer
import HookscopeStore

extension ListenSession {
    /// Remote intercept: the requests this listener holds are published to the store, and
    /// what any attached UI decides for one is carried out here. The intercept controller's
    /// own deadline still answers by the plan when nobody decides in time, with or without
    /// the database. Headless, each decision from the store is a line of the log.
    func publishHeldRequests(_ writer: StoreWriter?, interceptor: InterceptController) -> (publisher: HeldRequestsPublisher, task: Task<Void, Never>)? {
        guard let writer else { return nil }
        let printsLines = !wantsTerminalUI
        let publisher = HeldRequestsPublisher(
            connector: writer.connector, run: writer.run, listenerName: writer.listenerName,
            holding: { interceptor.waiting.map { HeldRequestsSync.Held(localID: $0.id, deadline: $0.deadline) } },
            carryOut: { localID, decision, by in
                let done: Bool
                switch decision {
                case .answer(let spec): done = interceptor.decide(id: localID, .answer(spec))
                case .drop: done = interceptor.decide(id: localID, .drop)
                case .byListener: done = false
                }
                // Whoever can write to the store wrote `by`: escaped before it is printed.
                if done, printsLines { Self.printNotice("held #\(localID): \(decision.summary), decided by \(TerminalSafeText.string(by)) through the store") }
            }
        )
        return (publisher, Task { await publisher.follow() })
    }
}

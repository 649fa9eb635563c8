import HookscopeCore
import HookscopeStore

extension ListenSession {
    /// Follows the store's shared plan (`attach --respond/--rule`): in force within a
    /// second of being set, and this listener's own plan (its flags) again after
    /// `attach --reset-plan`. Headless, each change is a line of the log.
    func followSharedPlan(_ writer: StoreWriter?) -> Task<Void, Never>? {
        guard let writer else { return nil }
        let own = plan.current
        let holder = plan
        let printsLines = !wantsTerminalUI
        let plans = SharedPlanStore(connector: writer.connector)
        return Task {
            await plans.follow { shared in
                guard let shared else {
                    holder.replace(with: own)
                    if printsLines { Self.printNotice("plan: this listener's own again (\(own.summary))") }
                    return
                }
                // Anyone who can write to the store wrote this text: escaped before it is printed.
                let summary = TerminalSafeText.string(shared.summary)
                do {
                    holder.replace(with: try shared.applied(to: own))
                    if printsLines { Self.printNotice("plan: \(summary)") }
                } catch {
                    Self.printError("the store's shared plan (\(summary)) cannot be read: \(TerminalSafeText.string("\(error)")); the plan in force stays")
                }
            }
        }
    }
}

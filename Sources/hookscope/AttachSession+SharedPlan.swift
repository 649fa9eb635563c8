import ArgumentParser
import HookscopeCore
import HookscopeStore

extension AttachSession {
    /// `attach --respond/--rule/--reset-plan`: writes the shared plan before attaching; a
    /// store that refuses (a role that may only read) is one line and exit status 1.
    func setSharedPlan(_ plans: SharedPlanStore) async throws {
        guard let change = options.sharedPlan.change(by: UserAtHost.current) else { return }
        do {
            switch change {
            case .set(let plan):
                try await plans.set(plan)
                ListenSession.printNotice("plan for every listener on the store: \(plan.summary)")
            case .reset:
                try await plans.set(nil)
                ListenSession.printNotice("plan: every listener on the store answers by its own flags again")
            }
        } catch {
            ListenSession.printError("cannot set the plan: \(StoreConnector.reason(error))")
            throw ExitCode(1)
        }
    }

    /// The top bar's words for the plan in force on the store.
    static func planSummary(_ plans: SharedPlanStore, forwarding: String?) -> String {
        let plan = plans.current.map { "plan \($0.summary)" } ?? "listeners' own plans"
        return (forwarding ?? "attached") + " · " + plan
    }
}

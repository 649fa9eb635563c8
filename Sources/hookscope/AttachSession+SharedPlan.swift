import ArgumentParser
import HookscopeCore
import HookscopeStore
import HookscopeTUI

extension AttachSession {
    /// What `setSharedPlan` has to say: lines for standard error, and what the terminal UI
    /// shows on its message line instead (the top bar shows the plan itself).
    struct PlanNotices {
        var lines: [String] = []
        var forTerminalUI: StatusMessage?
    }

    /// `attach --respond/--rule/--intercept/--reset-plan`: changes the shared plan before
    /// attaching; a store that refuses (a role that may only read) is one line and exit
    /// status 1. What it found is returned, not printed: a terminal UI starting next would
    /// cover standard error (session 15 review L1).
    func setSharedPlan(_ plans: SharedPlanStore) async throws -> PlanNotices {
        let options = options.sharedPlan
        var notices = PlanNotices()
        guard options.resetPlan || !options.changes.isEmpty else { return notices }
        do {
            if options.resetPlan {
                try await plans.reset()
                notices.lines.append("plan: every listener on the store answers by its own flags again")
            } else if let plan = try await plans.change(options.changes, by: UserAtHost.current) {
                notices.lines.append("plan for every listener on the store: \(TerminalSafeText.string(plan.summary))")
                if options.changes.contains(.intercept(true)), let reach = await Self.interceptReach(plans) {
                    notices.lines.append("intercept: \(reach)")
                    notices.forTerminalUI = StatusMessage("intercept on: \(reach)")
                }
            } else {
                notices.lines.append("plan: every listener on the store answers by its own flags again")
            }
            return notices
        } catch {
            ListenSession.printError("cannot set the plan: \(StoreConnector.reason(error))")
            throw ExitCode(1)
        }
    }

    /// The top bar's words for the plan in force on the store (the grid escapes them).
    static func planSummary(_ plans: SharedPlanStore, forwarding: String?) -> String {
        let plan = plans.current.map { "plan \($0.summary)" } ?? "listeners' own plans"
        return (forwarding ?? "attached") + " · " + plan
    }

    /// What s, R and i do in an attached terminal UI: change the store's plan, reporting
    /// the outcome on the message line when the database has answered.
    static func sharedPlanControls(_ plans: SharedPlanStore) -> SharedPlanControls {
        SharedPlanControls(current: { plans.current }) { change, report in
            Task {
                do {
                    let plan = try await plans.change([change], by: UserAtHost.current)
                    var said = plan.map { "every listener on the store: \($0.summary)" } ?? "every listener answers by its own flags again"
                    if change == .intercept(true), let reach = await interceptReach(plans) { said += " · " + reach }
                    report(StatusMessage(said))
                } catch {
                    report(StatusMessage("the shared plan is unchanged: \(StoreConnector.reason(error))", isError: true))
                }
            }
        }
    }

    /// Which listeners a shared intercept turned on just now reaches (review M2); nil when
    /// the store cannot say (the change itself went through: that is what matters).
    static func interceptReach(_ plans: SharedPlanStore) async -> String? {
        guard let present = try? await StorePresence.current(plans.connector) else { return nil }
        return InterceptReach.describe(listeners: present.listeners, watchers: present.watchers)
    }
}

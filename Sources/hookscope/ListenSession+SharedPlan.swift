import HookscopeCore
import HookscopeServer
import HookscopeStore

extension ListenSession {
    /// Follows the store's shared plan (`attach --respond/--rule/--intercept`, the keys of
    /// an attached UI): in force within a second of being set, and this listener's own plan
    /// (its flags) again after `attach --reset-plan`. Headless, each change is a line of
    /// the log; the terminal UI's top bar shows it (`planSummary`).
    ///
    /// A shared intercept holds requests here only while a terminal UI attached to the store
    /// watches (review M2): a headless listener's senders would otherwise wait out
    /// `--intercept-timeout` for a decision nobody can make. A listener with its own
    /// terminal UI holds as before: that UI shows and decides its held requests.
    func followSharedPlan(_ plans: SharedPlanStore?, interceptor: InterceptController) -> Task<Void, Never>? {
        guard let plans else { return nil }
        let own = plan.current
        let ownIntercept = interceptor.isEnabled
        let holder = plan
        let printsLines = !wantsTerminalUI
        let needsWatcher = !wantsTerminalUI
        let watch = InterceptWatch()
        var watchers: (@Sendable (StorePresence.Watchers) -> Void)?
        if needsWatcher {
            watchers = { attached in
                // Only a UI that may decide is worth holding for; one that may not is named.
                interceptor.setWatched(!attached.deciding.isEmpty)
                let change = watch.attached(attached.deciding, readOnly: attached.readOnly, known: attached.known)
                if let line = change.line { Self.printNotice(line) }
                // What was held in the second before this read has nobody to decide it
                // either (session 17, B3): answered now, not at --intercept-timeout.
                if let reason = change.release {
                    for id in interceptor.releaseUnwatched() { Self.printNotice("held #\(id): answered by the plan at once: \(reason)") }
                }
            }
        }
        // Held for the shared intercept, a request still needs the watch after the
        // intercept is turned off: its last terminal UI leaving answers it (B3).
        var stillHeld: (@Sendable () -> Bool)?
        if needsWatcher { stillHeld = { interceptor.holdsWhileWatched } }
        return Task { [watchers, stillHeld] in
            await plans.follow(watchers: watchers, watchingAlso: stillHeld) { shared in
                guard let shared else {
                    holder.replace(with: own)
                    interceptor.setEnabled(ownIntercept)
                    if printsLines { Self.printNotice("plan: this listener's own again (\(own.summary))") }
                    if needsWatcher, let line = watch.sharedIntercept(false) { Self.printNotice(line) }
                    return
                }
                // Anyone who can write to the store wrote this text: escaped before it is printed.
                let summary = TerminalSafeText.string(shared.summary)
                do {
                    holder.replace(with: try shared.applied(to: own))
                    // Requests already held keep waiting for their decision or deadline.
                    interceptor.setEnabled(shared.intercept ?? ownIntercept, onlyWhileWatched: shared.intercept == true && needsWatcher)
                    if printsLines { Self.printNotice("plan: \(summary)") }
                    if needsWatcher, let line = watch.sharedIntercept(shared.intercept == true) { Self.printNotice(line) }
                } catch {
                    Self.printError("the store's shared plan (\(summary)) cannot be read: \(TerminalSafeText.string("\(error)")); the plan in force stays")
                }
            }
        }
    }

    /// The top bar's words for the plan in force: this listener's, and who set the shared
    /// one (the grid escapes the text).
    static func planSummary(_ plan: ResponsePlan, shared: SharedPlan?) -> String {
        guard let shared else { return plan.summary }
        return plan.summary + " (shared plan, set by \(shared.setBy)" + (shared.setAt.isEmpty ? ")" : " at \(shared.setAt))")
    }
}

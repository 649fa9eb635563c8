import Foundation
import Testing

extension RemoteInterceptCommandTests {
    /// The listener these tests share: headless (so it holds for the shared intercept only
    /// while a terminal UI that may decide is attached), answering 202 by its own plan, with
    /// an --intercept-timeout (60 s) no test waits out.
    static func headlessListener(on store: String) throws -> RunningHookscope {
        try RunningHookscope(["--json", "--store", store, "--name", "server-1", "--status", "202", "--intercept-timeout", "60000"])
    }

    /// Turns the shared intercept on from the command line, waits until `listener` has read
    /// the plan, and attaches a terminal UI that may decide, so that the listener holds.
    static func interceptWatched(_ store: String, by listener: RunningHookscope) throws -> AttachedWatcher {
        _ = try SharedPlanCommandTests.attach(store, ["--intercept"])
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("plan: intercept on, set by ") ? true : nil }
        return try AttachedWatcher(store: store, seenBy: [listener])
    }
}

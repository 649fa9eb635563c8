import Foundation
import PostgresTestServer
import Testing

extension RemoteInterceptCommandTests {
    /// Session 17, B3, with the shared intercept turned off while a request is held: the
    /// request keeps waiting (held ones do), and when the last terminal UI that may decide
    /// quits it is answered by the plan at once (source `unattended`), not at the 60 s
    /// --intercept-timeout (curl's --max-time would end the test first; the deadline's
    /// source is `timeout`). The listener read who is attached only while the plan's
    /// intercept was on, so it never saw that UI leave.
    @Test func whatAHeadlessListenerHoldsIsAnsweredAtOnceWhenTheLastUIQuitsAfterInterceptWentOff() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let database = StoreCommandTests.database(store)
        let listener = try Self.headlessListener(on: store)
        defer { _ = try? listener.stop() }
        let watcher = try Self.interceptWatched(store, by: listener)
        defer { watcher.kill() }
        let held = try CurlRequest(post: listener.url + "/held-then-off", body: Array("{}".utf8), maxTime: 40)
        try Self.waitUntilOneIsHeld(server, database)

        _ = try SharedPlanCommandTests.attach(store, ["--no-intercept"])
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("plan: intercept off, set by ") ? true : nil }
        // Turning intercept off answers nothing held: the request still waits for a decision.
        try Self.waitUntilOneIsHeld(server, database)
        #expect(!listener.stdout.contains("/held-then-off"), "\(listener.stdout)")

        try watcher.tmux.sendKeys("q")
        #expect(try held.wait().status == 202, "the plan's answer")
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/held-then-off\"") } }
        #expect(line.contains("\"source\":\"unattended\""), "\(line)")
        _ = try Poll.until(timeout: 20) { listener.stderr.contains("held #1: answered by the plan at once: the last terminal UI left") ? true : nil }
    }
}

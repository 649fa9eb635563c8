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
        // A request sent after the off line is answered at once, and its line printed: a
        // release of the held one at the off (a regression) would have printed its line by
        // then too, as it goes the same way (review 18b L2: one look at the moment of the
        // off line came before such a line could).
        try Self.waitUntilOneIsHeld(server, database)
        #expect(try CurlRequest.post(listener.url + "/after-off", body: Array("{}".utf8)).status == 202)
        _ = try Poll.until(timeout: 20) { listener.stdout.contains("\"path\":\"/after-off\"") ? true : nil }
        #expect(!listener.stdout.contains("/held-then-off"), "\(listener.stdout)")
        #expect(held.process.isRunning, "its sender still waits")
        #expect(!listener.stderr.contains("held #1: answered"), "\(listener.stderr)")

        // Only the last UI leaving answers it: the line comes after the q.
        let beforeQuit = listener.stderr.utf8.count
        try watcher.tmux.sendKeys("q")
        #expect(try held.wait().status == 202, "the plan's answer")
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/held-then-off\"") } }
        #expect(line.contains("\"source\":\"unattended\""), "\(line)")
        _ = try Poll.until(timeout: 20) {
            String(decoding: listener.stderr.utf8.dropFirst(beforeQuit), as: UTF8.self)
                .contains("held #1: answered by the plan at once: the last terminal UI left") ? true : nil
        }
    }
}

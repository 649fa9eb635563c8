import Foundation
import PostgresTestServer
import Testing

/// Remote intercept (issue #16) with the real binary and a real PostgreSQL server.
@Suite(.serialized) struct RemoteInterceptCommandTests {
    /// The database stops while the listener holds a request: it is answered by the
    /// listener's plan at its deadline (curl's --max-time would end the test otherwise),
    /// never held until the database comes back.
    @Test func aListenerThatLosesTheDatabaseAnswersWhatItHoldsByItsPlanAtTheDeadline() throws {
        let server = try PostgresTestServer.dedicated()
        defer { server.stop() }
        let store = try server.newDatabase()
        let database = StoreCommandTests.database(store)
        let listener = try RunningHookscope(["--json", "--store", store, "--status", "202", "--intercept-timeout", "4000"])
        defer { _ = try? listener.stop() }
        _ = try SharedPlanCommandTests.attach(store, ["--intercept"])
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("plan: intercept on, set by ") ? true : nil }

        let held = try CurlRequest(post: listener.url + "/held", body: Array("{}".utf8), maxTime: 20)
        _ = try Poll.until(timeout: 20) { () -> Bool? in
            let count = try server.psql(database, "SELECT count(*) FROM hookscope_held WHERE decision IS NULL")
            return count.trimmingCharacters(in: .whitespacesAndNewlines) == "1" ? true : nil
        }
        try server.stopServer()
        let answer = try held.wait()
        #expect(answer.status == 202, "the listener's own plan")
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/held\"") } }
        #expect(line.contains("\"source\":\"timeout\""), "\(line)")
    }

    /// `attach --headless` logs the held requests of every listener: when one is held, and
    /// how it was answered (here by the listener's own deadline: nobody decided).
    @Test func attachHeadlessLogsHeldRequestsAndHowTheyWereAnswered() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try RunningHookscope(["--headless", "--store", store, "--name", "server-1", "--status", "202", "--intercept-timeout", "5000"])
        defer { _ = try? listener.stop() }
        _ = try SharedPlanCommandTests.attach(store, ["--intercept"])
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("plan: intercept on, set by ") ? true : nil }
        let log = try RunningHookscope(attach: [store, "--headless"])
        defer { _ = try? log.stop() }
        let held = try CurlRequest(post: listener.url + "/held", body: Array("{}".utf8), maxTime: 30)
        #expect(try held.wait().status == 202)
        _ = try Poll.until(timeout: 20) { log.stderr.contains("held #1: answered by server-1 itself") ? true : nil }
        let text = log.stderr
        let waiting = try #require(text.range(of: #"held #1 by server-1: waiting for a decision \([0-9] s left\)"#, options: .regularExpression),
                                   "\(text)")
        let answered = try #require(text.range(of: "held #1: answered by server-1 itself"))
        #expect(waiting.lowerBound < answered.lowerBound, "in order")
        // The exchange's own line, with the answer the sender got.
        _ = try Poll.until(timeout: 40) { log.stdout.contains("/held") ? true : nil }
        #expect(log.stdout.contains(" 202 "), "\(log.stdout)")
    }
}

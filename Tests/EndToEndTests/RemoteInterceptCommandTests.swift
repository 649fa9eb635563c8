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
}

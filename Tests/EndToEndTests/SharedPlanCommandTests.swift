import Foundation
import PostgresTestServer
import Testing
import TestSupport

/// The shared answer plan (issue #16): `attach --respond/--rule` sets what every listener
/// on the store answers, `attach --reset-plan` gives each its own flags back. Real
/// PostgreSQL, the real binary, curl.
@Suite(.serialized, .offThePool) struct SharedPlanCommandTests {
    /// Sends until `listener` answers `path` with `status` (the plan reaches listeners
    /// within a second; the poll's timeout is for a loaded machine).
    static func waitForStatus(_ status: Int, _ listener: RunningHookscope, path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var last = 0
        do {
            _ = try Poll.until(timeout: 30, interval: 0.1) { () -> Bool? in
                last = try CurlRequest.post(listener.url + path, body: Array("{}".utf8)).status
                return last == status ? true : nil
            }
        } catch {
            Issue.record("\(listener.url)\(path) still answers \(last), not \(status): \(listener.stderr.suffix(1000))", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// `attach` with these flags, run until it has set the plan and attached, then stopped.
    static func attach(_ store: String, _ flags: [String]) throws -> String {
        let client = try RunningHookscope(attach: [store, "--headless"] + flags)
        #expect(try client.stop() == 0)
        return client.stderr
    }

    @Test func attachSetsEveryListenersPlanAndResetGivesTheirOwnBack() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let first = try RunningHookscope(["--headless", "--store", store, "--status", "202"])
        defer { _ = try? first.stop() }
        let second = try RunningHookscope(["--headless", "--store", store])
        defer { _ = try? second.stop() }
        #expect(try CurlRequest.post(first.url + "/before", body: [1]).status == 202)
        #expect(try CurlRequest.post(second.url + "/before", body: [1]).status == 200)

        let said = try Self.attach(store, ["--respond", "503", "--rule", "/special/** -> 418"])
        #expect(said.contains("plan for every listener on the store: --respond 503 · 1 rule, set by "))
        for listener in [first, second] {
            try Self.waitForStatus(503, listener, path: "/any")
            #expect(try CurlRequest.post(listener.url + "/special/x", body: [1]).status == 418)
            #expect(listener.stderr.contains("plan: --respond 503 · 1 rule, set by "), "the log says who set it")
        }

        _ = try Self.attach(store, ["--reset-plan"])
        try Self.waitForStatus(202, first, path: "/after")
        try Self.waitForStatus(200, second, path: "/after")
        #expect(try CurlRequest.post(first.url + "/special/x", body: [1]).status == 202, "the shared rule is gone too")
        #expect(first.stderr.contains("plan: this listener's own again (answer 202)"))
        #expect(try server.psql(StoreCommandTests.database(store), "SELECT count(*) FROM hookscope_plan")
                    .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// Whoever can write to the store writes the plan's text: a listener prints it escaped,
    /// never as terminal control (review L16).
    @Test func aPlansTextFromTheStoreIsPrintedEscaped() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        _ = try Self.attach(store, ["--respond", "503"])
        _ = try server.psql(StoreCommandTests.database(store), "UPDATE hookscope_plan SET set_by = E'ana\\x1b]0;PWNED\\x07@laptop'")
        let listener = try RunningHookscope(["--headless", "--store", store])
        defer { _ = try? listener.stop() }
        try Self.waitForStatus(503, listener, path: "/any")
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("plan: --respond 503") ? true : nil }
        #expect(listener.stderr.contains("PWNED"), "the text is shown: \(listener.stderr.suffix(500))")
        #expect(!listener.stderr.contains("\u{1B}"), "no raw ESC: \(listener.stderr.suffix(500))")
        #expect(!listener.stderr.contains("\u{07}"), "no raw BEL")
    }

    /// The source of the answer to one request sent now (its JSON line on the listener's
    /// stdout): `timeout` when the listener held it until --intercept-timeout.
    static func answerSource(_ listener: RunningHookscope, path: String) throws -> String? {
        _ = try CurlRequest.post(listener.url + path, body: Array("{}".utf8))
        let line = try Poll.until(timeout: 30) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"\(path)\"") } }
        for source in ["timeout", "default", "intercept", "unattended"] where line.contains("\"source\":\"\(source)\"") { return source }
        return nil
    }

    /// `attach --intercept` turns intercept on in every listener on the store, headless
    /// ones too while a terminal UI is attached to decide (review M2: until then they answer
    /// at once, `unattended`); `--no-intercept` turns it off, and the rest of the shared
    /// plan stays.
    @Test func attachInterceptMakesEveryListenerHoldAndNoInterceptLetsGo() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try RunningHookscope(["--json", "--store", store, "--intercept-timeout", "1500"])
        defer { _ = try? listener.stop() }
        #expect(try Self.answerSource(listener, path: "/before") == "default")

        let said = try Self.attach(store, ["--respond", "202"])
        #expect(said.contains("plan for every listener on the store: --respond 202, set by "))
        try Self.waitForStatus(202, listener, path: "/respond")
        let on = try Self.attach(store, ["--intercept"])
        #expect(on.contains("plan for every listener on the store: --respond 202 · intercept on, set by "), "\(on)")
        var attempt = 0
        _ = try Poll.until(timeout: 60, interval: 0) { () -> Bool? in
            attempt += 1
            return try Self.answerSource(listener, path: "/unwatched-\(attempt)") == "unattended" ? true : nil
        }
        let watcher = try AttachedWatcher(store: store, seenBy: [listener])
        defer { watcher.kill() }
        do {
            _ = try Poll.until(timeout: 60, interval: 0) { () -> Bool? in
                attempt += 1
                return try Self.answerSource(listener, path: "/held-\(attempt)") == "timeout" ? true : nil
            }
        } catch {
            Issue.record("held while a terminal UI watches: \(listener.stderr.suffix(1500)); the screen: \((try? watcher.tmux.screen()) ?? "")")
            throw error
        }
        #expect(listener.stderr.contains("plan: --respond 202 · intercept on, set by "), "the log says who turned it on")

        _ = try Self.attach(store, ["--no-intercept"])
        _ = try Poll.until(timeout: 60, interval: 0) { () -> Bool? in
            attempt += 1
            return try Self.answerSource(listener, path: "/free-\(attempt)") == "default" ? true : nil
        }
        #expect(try CurlRequest.post(listener.url + "/after", body: [1]).status == 202, "--respond stays in force")
    }

    @Test func aPlanThatDoesNotParseIsRefusedBeforeTheStoreIsTouched() throws {
        let bad = try HookscopeCommand.run(["attach", "postgres://nobody@127.0.0.1:1/x", "--respond", "sometimes"])
        #expect(bad.status == 64, "a usage error, not 'cannot reach the store'")
        #expect(!bad.stderr.contains("cannot reach"))
        let both = try HookscopeCommand.run(["attach", "postgres://nobody@127.0.0.1:1/x", "--respond", "503", "--reset-plan"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--reset-plan"))
        let intercepting = try HookscopeCommand.run(["attach", "postgres://nobody@127.0.0.1:1/x", "--intercept", "--reset-plan"])
        #expect(intercepting.status == 64)
    }
}

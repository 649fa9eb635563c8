import Foundation
import HookscopeCore
import PostgresTestServer
import Testing
import TestSupport

/// Remote intercept (issue #16) with the real binary and a real PostgreSQL server.
@Suite(.serialized, .offThePool) struct RemoteInterceptCommandTests {
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
        // A headless listener holds for the shared intercept only while a terminal UI watches.
        let watcher = try AttachedWatcher(store: store, seenBy: [listener])
        defer { watcher.kill() }

        let held = try CurlRequest(post: listener.url + "/held", body: Array("{}".utf8), maxTime: 20)
        try Self.waitUntilOneIsHeld(server, database)
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
        // A headless listener holds for the shared intercept only while a terminal UI
        // watches (review M2); `attach --headless` is not one.
        let watcher = try AttachedWatcher(store: store, seenBy: [listener])
        defer { watcher.kill() }
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

    /// Review M2: a shared intercept with nobody watching (no terminal UI attached) keeps
    /// no sender waiting: a headless listener answers at once by its plan, says so once in
    /// its log, and records why (`unattended`). With a terminal UI attached it holds; when
    /// that UI quits, it answers at once again.
    @Test func aHeadlessListenerHoldsForTheSharedInterceptOnlyWhileATerminalUIWatches() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try Self.headlessListener(on: store)
        defer { _ = try? listener.stop() }
        let said = try SharedPlanCommandTests.attach(store, ["--intercept"])
        #expect(said.contains("intercept: reaches 1 listener (server-1); one without a terminal UI of its own holds only while a terminal UI is attached (none is: it answers at once)"), "\(said)")
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("intercept: no terminal UI is attached, so") ? true : nil }

        let free = try CurlRequest(post: listener.url + "/nobody-watches", body: Array("{}".utf8), maxTime: 20).wait()
        #expect(free.status == 202, "the plan answers")
        // At once, not at the 60 s deadline: only that way is the source `unattended`.
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/nobody-watches\"") } }
        #expect(line.contains("\"source\":\"unattended\""), "\(line)")

        let watcher = try AttachedWatcher(store: store, seenBy: [listener])
        defer { watcher.kill() }
        let held = try CurlRequest(post: listener.url + "/watched", body: Array("{}".utf8), maxTime: 50)
        try Self.waitUntilOneIsHeld(server, StoreCommandTests.database(store))
        _ = try Poll.until(timeout: 20) { try watcher.tmux.screen().split(separator: "\n").contains { $0.contains("/watched") && $0.contains("wait") } ? true : nil }
        try watcher.tmux.sendKeys("a")
        _ = try Poll.until(timeout: 20) { try watcher.tmux.screen().contains("Answer #") ? true : nil }
        try watcher.tmux.sendKeys("503")
        try watcher.tmux.sendKeys("Enter")
        #expect(try held.wait().status == 503, "decided in the attached screen")

        try watcher.tmux.sendKeys("q")
        _ = try Poll.until(timeout: 30) { try watcher.tmux.screen().contains("hookscope exited 0") ? true : nil }
        _ = try Poll.until(timeout: 30) { listener.stderr.components(separatedBy: "intercept: no terminal UI is attached, so").count > 2 ? true : nil }
        let again = try CurlRequest(post: listener.url + "/gone-again", body: Array("{}".utf8), maxTime: 20).wait()
        #expect(again.status == 202)
        let last = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/gone-again\"") } }
        #expect(last.contains("\"source\":\"unattended\""), "\(last)")
    }

    /// Session 17, B3: a request held while a terminal UI watched, when that (last) UI quits,
    /// is answered by the listener's plan as soon as the listener sees nobody left who may
    /// decide (source `unattended`, said in its log), not at the 60 s --intercept-timeout
    /// (curl's --max-time would end the test first; the deadline's source is `timeout`).
    @Test func whatAHeadlessListenerHoldsIsAnsweredAtOnceWhenTheLastTerminalUIQuits() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let database = StoreCommandTests.database(store)
        let listener = try Self.headlessListener(on: store)
        defer { _ = try? listener.stop() }
        let watcher = try Self.interceptWatched(store, by: listener)
        defer { watcher.kill() }
        let held = try CurlRequest(post: listener.url + "/held-when-ui-quits", body: Array("{}".utf8), maxTime: 40)
        try Self.waitUntilOneIsHeld(server, database)
        try watcher.tmux.sendKeys("q")
        #expect(try held.wait().status == 202, "the plan's answer")
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/held-when-ui-quits\"") } }
        #expect(line.contains("\"source\":\"unattended\""), "\(line)")
        _ = try Poll.until(timeout: 20) { listener.stderr.contains("held #1: answered by the plan at once: the last terminal UI left") ? true : nil }
        let applied = try Poll.until(timeout: 20) { () -> String? in
            let applied = try server.psql(database, "SELECT applied FROM hookscope_held WHERE local_id = 1").trimmingCharacters(in: .whitespacesAndNewlines)
            return applied.isEmpty ? nil : applied
        }
        #expect(applied == "listener", "the row is settled as the listener's own")
    }

    /// `attach --intercept` in a terminal says which listeners the intercept reaches on the
    /// screen's message line (on standard error the screen covered it); a terminal UI whose
    /// role may not decide held requests does not make a headless listener hold, and the
    /// listener's log names it (session 15 review leftovers).
    @Test func theReachIsOnTheScreenAndAUIThatMayNotDecideIsNamedInTheLog() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let database = StoreCommandTests.database(store)
        let listener = try Self.headlessListener(on: store)
        defer { _ = try? listener.stop() }

        let deciding = try AttachedWatcher(store: store, flags: ["--intercept"], seenBy: [listener])
        defer { deciding.kill() }
        _ = try Poll.until(timeout: 20) { try deciding.tmux.screen().contains("intercept on: reaches 1 listener (server-1)") ? true : nil }
        try deciding.tmux.sendKeys("q")
        _ = try Poll.until(timeout: 30) { try deciding.tmux.screen().contains("hookscope exited 0") ? true : nil }
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("intercept: no terminal UI is attached, so") ? true : nil }

        // A role that may read everything and decide nothing (the README's reader role).
        let role = "looker_\(database)"
        try server.psqlScript(database, """
            CREATE ROLE \(role) LOGIN;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role);
            """)
        let looker = try AttachedWatcher(store: server.url(database: database, user: role), seenBy: [])
        defer { looker.kill() }
        let named = "but it may not decide held requests (its role lacks UPDATE on hookscope_held), so this listener answers each request at once"
        do {
            _ = try Poll.until(timeout: 30) { listener.stderr.contains(named) ? true : nil }
        } catch {
            Issue.record("the listener never named the UI that may not decide: \(listener.stderr.suffix(1500))")
            throw error
        }
        #expect(listener.stderr.contains("intercept: 1 terminal UI attached ("), "\(listener.stderr.suffix(800))")
        let free = try CurlRequest(post: listener.url + "/looked-at", body: Array("{}".utf8), maxTime: 20).wait()
        #expect(free.status == 202, "the plan answers at once: nobody attached may decide")
    }

    /// Session 16 review M2: a held request decided `forward` that the listener cannot offer
    /// (here: the id is no forwarder's; a listener without its tunnel connection takes the
    /// same way) is answered by the plan at once, recorded `unclaimed` with why, and its
    /// row is the listener's own with the forward as what came too late: never confirmed
    /// as carried out, which told the decider the app would answer.
    @Test func aForwardTheListenerCannotOfferIsAnsweredByItsPlanAndSettledAsItsOwn() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let database = StoreCommandTests.database(store)
        let listener = try Self.headlessListener(on: store)
        defer { _ = try? listener.stop() }
        let watcher = try Self.interceptWatched(store, by: listener)
        defer { watcher.kill() }
        let held = try CurlRequest(post: listener.url + "/offer-me", body: Array("{}".utf8), maxTime: 40)
        try Self.waitUntilOneIsHeld(server, database)
        // As a decider's UPDATE writes it (the listener looks every 100 ms anyway).
        _ = try server.psql(database, """
            UPDATE hookscope_held SET decision = 'forward no-such-forwarder', decided_by = 'ana@laptop', decided_at = now() WHERE decision IS NULL
            """)
        #expect(try held.wait().status == 202, "the plan's answer, at once rather than at the 60 s deadline")
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/offer-me\"") } }
        #expect(line.contains("\"source\":\"unclaimed\""), "\(line)")
        #expect(line.contains("not offered to no-such-forwarder"), "the record says why: \(line)")
        let row = try Poll.until(timeout: 20) { () -> String? in
            let row = try server.psql(database, "SELECT applied || ' ' || overridden || ' ' || overridden_by FROM hookscope_held")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return row.isEmpty ? nil : row
        }
        #expect(row == "listener forward no-such-forwarder ana@laptop", "settled as the listener's own, not confirmed")
        #expect(listener.stderr.contains("held #1: ana@laptop's decision (offered to a forwarder's app) could not be offered: 'no-such-forwarder' is no forwarder's id; the plan answered"),
                "\(listener.stderr.suffix(1500))")
    }

    /// Session 16 review L6: a held request whose --intercept-timeout passes is offered to
    /// the store's forwarders; when none claims it, the record still says it was held and
    /// timed out (`timeout`), with the tunnel's part in `forward.error`, not `unclaimed`.
    /// The forwarder is only its row here (live, with a route), so nothing claims.
    @Test func aHeldRequestOfferedAtItsDeadlineAndUnclaimedIsRecordedAsTimedOut() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let database = StoreCommandTests.database(store)
        let listener = try RunningHookscope(["--json", "--store", store, "--name", "server-1", "--status", "202",
                                             "--intercept-timeout", "2000", "--claim-timeout", "500"])
        defer { _ = try? listener.stop() }
        let watcher = try Self.interceptWatched(store, by: listener)
        defer { watcher.kill() }
        let routes = RemoteForwardRoutes.encode(["http://127.0.0.1:1"])
        _ = try server.psql(database, """
            INSERT INTO hookscope_forwarders (id, who, routes, last_seen) VALUES ('\(UUID())', 'ghost@nowhere', '\(routes)', now() + interval '1 hour')
            """)
        try RemoteForwardCommandTests.waitForForwarders(listener, count: 1)
        let answer = try CurlRequest(post: listener.url + "/held-then-unclaimed", body: Array("{}".utf8), maxTime: 40).wait()
        #expect(answer.status == 202, "the plan's answer")
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/held-then-unclaimed\"") } }
        #expect(line.contains("\"source\":\"timeout\""), "\(line)")
        #expect(line.contains("unclaimed: no forwarder claimed it within --claim-timeout"), "\(line)")
        // Held first: the listener published it and settled it as its own at the deadline.
        let applied = try Poll.until(timeout: 20) { () -> String? in
            let applied = try server.psql(database, "SELECT applied FROM hookscope_held WHERE local_id = 1").trimmingCharacters(in: .whitespacesAndNewlines)
            return applied.isEmpty ? nil : applied
        }
        #expect(applied == "listener")
    }

    /// Until the store shows one held request waiting for a decision.
    static func waitUntilOneIsHeld(_ server: PostgresTestServer, _ database: String) throws {
        _ = try Poll.until(timeout: 20) { () -> Bool? in
            let count = try server.psql(database, "SELECT count(*) FROM hookscope_held WHERE decision IS NULL")
            return count.trimmingCharacters(in: .whitespacesAndNewlines) == "1" ? true : nil
        }
    }
}

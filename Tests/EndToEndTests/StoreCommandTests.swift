import Foundation
import PostgresTestServer
import Testing
import TestSupport

/// `listen --store` and `attach` as a team would run them, against a real PostgreSQL
/// server the tests start (PostgresTestServer).
// Serialized: each is a load test of its own; side by side on a small machine they would
// measure the machine. (They were also serialized while the restart test's processes
// seemed not to exit: that was an attached client awaiting a dead connection for ever, and
// the test process not seeing an exit; see aDatabaseRestartMidLoadLosesNothing.)
@Suite(.serialized, .offThePool) struct StoreCommandTests {
    /// The database a test store URL names (`postgres://user@localhost/NAME?host=/dir`).
    static func database(_ url: String) -> String {
        String(url.split(separator: "?")[0].split(separator: "/").last ?? "")
    }

    /// The JSON Lines an attached client printed.
    static func attached(_ client: RunningHookscope) -> [[String: Any]] {
        client.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Lines printed so far: cheap enough to poll while tens of megabytes arrive (parsing
    /// every line at each poll was the slowest part of the first load test).
    static func lineCount(_ client: RunningHookscope) -> Int {
        guard let data = FileManager.default.contents(atPath: client.stdoutPath) else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    static func body(_ object: [String: Any]) -> [UInt8] {
        if let text = object["body"] as? String { return Array(text.utf8) }
        return Array(Data(base64Encoded: object["body_base64"] as? String ?? "") ?? Data())
    }

    /// Every delivery sent is printed by the client once, in increasing id order, with its
    /// exact bytes and the answer the sender got.
    static func expectSawEverything(_ client: RunningHookscope, sent: [String: LoadSender.Delivery],
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = attached(client)
        let ids = lines.compactMap { $0["id"] as? Int }
        let printedPaths = Set(lines.compactMap { $0["path"] as? String })
        let missing = sent.keys.filter { !printedPaths.contains($0) }.sorted()
        let gaps = zip(ids, ids.dropFirst()).filter { $1 != $0 + 1 }.prefix(5).map { "\($0)→\($1)" }
        // A request the sender sent again may have reached a listener twice: two deliveries.
        #expect(missing.isEmpty && ids.count >= sent.count && ids.count <= sent.count + sent.retries,
                "printed \(ids.count) for \(sent.count) paths; missing \(missing.prefix(5)); gaps \(gaps); \(sent.retrySummary)",
                sourceLocation: sourceLocation)
        #expect(ids == ids.sorted() && Set(ids).count == ids.count, "ids in order, each once", sourceLocation: sourceLocation)
        var mismatches = 0
        for line in lines {
            guard let path = line["path"] as? String, let want = sent[path] else { mismatches += 1; continue }
            let status = (line["response"] as? [String: Any])?["status"] as? Int
            if body(line) != want.body || status != want.status { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(mismatches) deliveries differ from what was sent", sourceLocation: sourceLocation)
    }

    /// Issue 15's main check, sized for CI: two listeners behind "a load balancer" (the
    /// sender alternates) and two attached clients, under concurrent load.
    /// Its first runs found a real loss (one id in 10 000 never printed): a completion moved
    /// a row's change past newer rows and the reader, sorted by change, met the newer id
    /// first (StoreReaderOrderTests keeps that case small).
    @Test
    func twoListenersAndTwoAttachedClientsUnderLoad() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let first = try RunningHookscope(["--json", "--store", store, "--name", "one"])
        let second = try RunningHookscope(["--json", "--store", store, "--name", "two"])
        let watcherA = try RunningHookscope(attach: [store, "--json"])
        let watcherB = try RunningHookscope(attach: [store, "--json", "--since", "1"])
        let count = 10_000
        let load = try LoadSender(urls: [first.url, second.url], count: count, threads: 16)
        let sent = try load.wait()
        #expect(sent.count == count)
        #expect(sent.values.allSatisfy { $0.status == 200 })
        for watcher in [watcherA, watcherB] {
            // On a timeout the checks below say what is missing.
            _ = try? Poll.until(timeout: 180, interval: 0.5) { Self.lineCount(watcher) >= count ? true : nil }
        }
        // A listener flushes its queue before it exits: minutes on a loaded machine.
        for process in [first, second, watcherA, watcherB] { #expect(try process.stop(timeout: 180) == 0) }
        Self.expectSawEverything(watcherA, sent: sent)
        Self.expectSawEverything(watcherB, sent: sent)
        let stored = try server.psql(Self.database(store),
                                     "SELECT count(DISTINCT listener) || ',' || count(*) || ',' || max(id) FROM hookscope_exchanges WHERE completed")
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) }
        #expect(stored.count == 3 && stored[0] == 2 && stored[1] == stored[2] && (count...count + sent.retries).contains(stored[1]),
                "listeners, exchanges, last id: \(stored); \(sent.retrySummary)")
    }

    /// The database restarts in the middle of a load: the listener goes on answering, says
    /// it is reconnecting, and writes everything afterwards; the attached client catches up
    /// and shows each delivery exactly once.
    ///
    /// It was disabled for a while: in full runs a process sometimes did not exit within
    /// 180 s of SIGTERM. Two causes, both found and fixed: the attached client's read on
    /// the connection the restart dropped was never answered (postgres-nio), so it neither
    /// caught up nor stopped (now every read has a deadline, StoreDeadline); and a
    /// PostgreSQL server another test started at that moment inherited the socket by which
    /// the test process learns that a child has exited (CleanSpawn now closes what a child
    /// inherits).
    @Test func aDatabaseRestartMidLoadLosesNothing() throws {
        let server = try PostgresTestServer.dedicated()
        defer { server.stop() }
        let store = try server.newDatabase()
        let database = Self.database(store)
        let listener = try RunningHookscope(["--headless", "--store", store])
        let watcher = try RunningHookscope(attach: [store, "--json"])
        let count = 3_000
        let load = try LoadSender(urls: [listener.url], count: count, threads: 4, pause: 0.004)
        _ = try Poll.until(timeout: 60) { load.sentCount >= count / 4 ? true : nil }
        try server.stopServer()
        let sentBeforeStop = load.sentCount
        do {
            _ = try Poll.until(timeout: 45) { listener.stderr.contains("store: reconnecting") ? true : nil }
        } catch {
            Issue.record("no 'store: reconnecting' within 45 s; the listener said: \(listener.stderr.suffix(2000))")
            throw error
        }
        _ = try Poll.until(timeout: 60) { load.sentCount >= count / 2 ? true : nil }
        #expect(load.sentCount > sentBeforeStop, "deliveries arrived while the database was down")
        try server.startServer()
        let sent = try load.wait()
        #expect(sent.count == count)
        #expect(sent.values.allSatisfy { $0.status == 200 }, "the answers never waited for the database")
        _ = try? Poll.until(timeout: 180, interval: 0.5) { Self.lineCount(watcher) >= count ? true : nil }
        #expect(try listener.stop(timeout: 180) == 0)   // it flushes what waits first
        #expect(try watcher.stop(timeout: 180) == 0)
        #expect(listener.stderr.contains("store: connected again"))
        // The shutdown's FATAL message is a lost connection, not a refusal.
        #expect(!listener.stderr.contains("writes refused"), "\(listener.stderr.suffix(1500))")
        let captured = Int(try server.psql(database, "SELECT count(*) FROM hookscope_exchanges WHERE completed")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect((count...count + sent.retries).contains(captured), "\(captured) exchanges stored for \(count) paths; \(sent.retrySummary)")
        #expect(listener.stderr.contains("store: \(2 * captured) writes stored"), "\(sent.retrySummary)")
        Self.expectSawEverything(watcher, sent: sent)
    }

    /// A queue too small for what waits: the lost writes are counted, said while it
    /// happens and at the end, and everything not lost is stored.
    @Test
    func aFullQueueCountsWhatItDrops() throws {
        let server = try PostgresTestServer.dedicated()
        defer { server.stop() }
        let store = try server.newDatabase()
        let database = Self.database(store)
        let listener = try RunningHookscope(["--headless", "--store", store, "--store-queue", "8KiB"])
        try server.stopServer()
        let count = 40
        let load = try LoadSender(urls: [listener.url], count: count, threads: 1)
        let sent = try load.wait()
        #expect(sent.values.allSatisfy { $0.status == 200 })
        _ = try Poll.until(timeout: 30) { listener.stderr.contains(" lost") ? true : nil }
        try server.startServer()
        _ = try Poll.until(timeout: 60) { listener.stderr.contains("store: connected again") ? true : nil }
        // Writes missing from the store fail the run, as lines missing from a --save file do.
        #expect(try listener.stop() == 1)
        let final = try #require(listener.stderr.split(separator: "\n").last { $0.hasPrefix("store: ") && $0.contains("writes stored") })
        let numbers = final.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let (written, lost) = (numbers[0], numbers[1])
        #expect(lost > 0)
        #expect(written + lost >= 2 * count && written + lost <= 2 * (count + sent.retries),
                "every write is either stored or counted lost: \(final); \(sent.retrySummary)")
        #expect(final.contains("\(lost) lost (--store-queue was full)"))
        #expect(listener.stderr.contains("; \(lost) writes missing from the store (0 not written, \(lost) lost)"), "the exit summary says it too")
        // Each exchange is one row: stored when either of its two writes got through.
        let rows = Int(try server.psql(database, "SELECT count(*) FROM hookscope_exchanges").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(rows > 0 && rows <= count + sent.retries, "\(sent.retrySummary)")
    }

    /// Stopped while the database is away: the listener waits for it a while (10 s
    /// without a write getting through), then says how many writes it could not store
    /// and why, in its last store line and in the exit summary, and exits 1 (review M8).
    @Test func aListenerStoppedWhileTheStoreIsAwaySaysWhatWasNotWritten() throws {
        let server = try PostgresTestServer.dedicated()
        defer { server.stop() }
        let listener = try RunningHookscope(["--headless", "--store", try server.newDatabase()])
        try server.stopServer()
        let sent = try LoadSender(urls: [listener.url], count: 5, threads: 1).wait()
        #expect(sent.values.allSatisfy { $0.status == 200 })
        _ = try Poll.until(timeout: 45) { listener.stderr.contains("store: reconnecting") ? true : nil }
        #expect(try listener.stop(timeout: 120) == 1)
        #expect(listener.stderr.contains("store: 0 writes stored, 10 not written (gave up after 10 s without progress: "),
                "\(sent.retrySummary): \(listener.stderr.suffix(1500))")
        #expect(listener.stderr.contains("; 10 writes missing from the store (10 not written, 0 lost)"))
    }

    @Test func anUnreachableStoreIsOneLineAndExitOneWithoutThePassword() throws {
        let result = try HookscopeCommand.run(["listen", "--port", "0", "--headless", "--store", "postgres://me:hunter2@127.0.0.1:1/hooks"])
        #expect(result.status == 1)
        // The system's words, not NIO's 'Connection errors: SingleConnectionFailure(…)'.
        #expect(result.stderr == "hookscope: cannot reach the store at 127.0.0.1:1: Connection refused\n", "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2"))
        let attach = try HookscopeCommand.run(["attach", "postgres://me:hunter2@127.0.0.1:1/hooks", "--json"])
        #expect(attach.status == 1)
        #expect(attach.stderr == "hookscope: cannot reach the store at 127.0.0.1:1: Connection refused\n", "\(attach.stderr)")
        #expect(!attach.stderr.contains("hunter2"))
    }

    /// A wait too long for a deadline is a usage error, never an overflow trap (review M4).
    @Test func attachRefusesATimeoutBeyondOneDay() throws {
        for value in ["10000000000000", "0"] {
            let result = try HookscopeCommand.run(["attach", "postgres://me@127.0.0.1:1/hooks", "--timeout", value])
            #expect(result.status == 64, "--timeout \(value)")
            #expect(result.stderr.contains("--timeout must be between 1 and"), "--timeout \(value): \(result.stderr)")
        }
        // The forwarder's drain may be 0 (do not wait), not negative, not past a day.
        for value in ["10000000000000", "-1"] {
            let result = try HookscopeCommand.run(["attach", "postgres://me@127.0.0.1:1/hooks", "--drain-timeout=\(value)"])
            #expect(result.status == 64, "--drain-timeout \(value)")
            #expect(result.stderr.contains("--drain-timeout must be between 0 and"), "--drain-timeout \(value): \(result.stderr)")
        }
    }

    @Test func exportAndReplayReadTheStore() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try RunningHookscope(["--headless", "--store", store])
        let load = try LoadSender(urls: [listener.url], count: 5, threads: 1)
        let sent = try load.wait()
        // The listener writes in the background: poll the store through the command itself.
        let har = HookscopeCommand.temporaryPath("store.har")
        _ = try Poll.until(timeout: 30, interval: 0.1) { () -> Bool? in
            let result = try HookscopeCommand.run(["export", "--from", store, "--since", "1", "--har", har])
            return result.stderr.contains("exported 5 exchanges") ? true : nil
        }
        let archive = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: har))) as? [String: Any]
        let entries = (archive?["log"] as? [String: Any])?["entries"] as? [[String: Any]] ?? []
        #expect(entries.count == 5)
        let app = try RunningHookscope(["--json"])
        let replay = try HookscopeCommand.run(["replay", "--from", store, "--id", "3", "--to", app.url])
        #expect(replay.status == 0)
        #expect(replay.stdout.hasPrefix("#3 POST /load/"))
        _ = try Poll.until(timeout: 20) { Self.attached(app).count == 1 ? true : nil }
        let received = try #require(Self.attached(app).first)
        let path = try #require(received["path"] as? String)
        #expect(Self.body(received) == sent[path]?.body)
        try listener.stop()
        try app.stop()
    }
}

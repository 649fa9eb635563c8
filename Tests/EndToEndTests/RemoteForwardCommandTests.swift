import Foundation
import PostgresTestServer
import Testing
import TestSupport

/// The self-hosted tunnel (issue #16) as a team would run it: a listener writing to a real
/// PostgreSQL store, `hookscope attach --forward` on "the laptop" in front of an app
/// (python3's http.server), curl as the sender.
@Suite(.serialized, .offThePool) struct RemoteForwardCommandTests {
    static func database(_ url: String) -> String { StoreCommandTests.database(url) }

    /// Where a test is not about the claim deadline: a loaded machine (CI, six builds at
    /// once) may take seconds to claim, which must not turn a forward into `unclaimed`.
    static let patientClaim = "30000"

    /// Waits until the listener says `count` forwarders are attached (it reads the list
    /// every second).
    static func waitForForwarders(_ listener: RunningHookscope, count: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let wanted = "remote forward: \(count) forwarder\(count == 1 ? "" : "s") attached"
        do {
            _ = try Poll.until(timeout: 30) { listener.stderr.contains(wanted) ? true : nil }
        } catch {
            Issue.record("the listener never said '\(wanted)': \(listener.stderr.suffix(1500))", sourceLocation: sourceLocation)
            throw error
        }
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255) }
    }

    /// The listener's JSON Lines so far.
    static func lines(_ listener: RunningHookscope) -> [[String: Any]] {
        StoreCommandTests.attached(listener)
    }

    static func source(_ line: [String: Any]) -> String? {
        (line["response"] as? [String: Any])?["source"] as? String
    }

    static func psql(_ server: PostgresTestServer, _ store: String, _ sql: String) throws -> String {
        try server.psql(database(store), sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theLaptopAppAnswersTheSenderByteForByte() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        let listener = try RunningHookscope(["--headless", "--store", store, "--claim-timeout", Self.patientClaim])
        defer { _ = try? listener.stop() }
        let forwarder = try RunningHookscope(attach: [store, "--headless", "--forward", app.url])
        defer { _ = try? forwarder.stop() }
        try Self.waitForForwarders(listener, count: 1)
        let sizes = [1, 777, 65_539]
        for (index, size) in sizes.enumerated() {
            let body = Self.randomBytes(size)
            let response = try CurlRequest.post(listener.url + "/hooks/t\(index)", body: body)
            #expect(response.status == 201)
            #expect(response.header("X-App") == "laptop")
            #expect(response.header("X-Request-Length") == "\(size)", "the app got every byte")
            #expect(response.body == Array(body.reversed()), "the sender got the app's body exactly (\(response.body.count) of \(size) bytes)")
        }
        #expect(app.receivedPaths == sizes.indices.map { "/hooks/t\($0)" })
        // The store records the forward, who made it and the app's answer.
        _ = try Poll.until(timeout: 60) {
            try Self.psql(server, store, "SELECT count(*) FROM hookscope_exchanges WHERE completed") == "\(sizes.count)" ? true : nil
        }
        let recorded = try Self.psql(server, store, """
            SELECT string_agg(DISTINCT (exchange->'response'->>'source') || ' ' || (exchange->'forward'->>'status') || ' '
                || (exchange->'forward'->>'by'), ',') FROM hookscope_exchanges
            """)
        let by = recorded.split(separator: " ").last.map(String.init) ?? ""
        #expect(recorded == "forward 201 \(by)")
        #expect(by.contains("@") && forwarder.stderr.contains("as \(by)"), "the forwarder is recorded as user@host: \(recorded)")
        #expect(forwarder.stderr.contains("forwarded POST /hooks/t0 to \(app.url)/hooks/t0: 201 in"))
        // The whole round trip (listener → database → laptop → app → back) holds the app's part,
        // and the forwarding session is named by its id, for its own UI to mark.
        #expect(try Self.psql(server, store, """
            SELECT bool_and((exchange->'forward'->>'round_trip_ms')::float8 >= (exchange->'forward'->>'duration_ms')::float8
                AND exchange->'forward'->>'forwarder' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
            FROM hookscope_exchanges
            """) == "t")
        #expect(try Self.psql(server, store, "SELECT count(*) FROM hookscope_forward_offers") == "0", "the listener cleans up its offers")
    }

    @Test func twoForwardersEachGetOnlyTheirRoutes() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let appA = try RemoteForwardTestApp(status: 201, name: "a")
        defer { appA.stop() }
        let appB = try RemoteForwardTestApp(status: 202, name: "b")
        defer { appB.stop() }
        let listener = try RunningHookscope(["--json", "--store", store, "--claim-timeout", Self.patientClaim])
        defer { _ = try? listener.stop() }
        let forwarderA = try RunningHookscope(attach: [store, "--headless", "--forward", "/a/** -> \(appA.url)"])
        defer { _ = try? forwarderA.stop() }
        let forwarderB = try RunningHookscope(attach: [store, "--headless", "--forward", "/b/** -> \(appB.url)"])
        defer { _ = try? forwarderB.stop() }
        try Self.waitForForwarders(listener, count: 2)
        for path in ["/a/1", "/b/1", "/a/2", "/b/2", "/b/3"] {
            let response = try CurlRequest.post(listener.url + path, body: Self.randomBytes(32))
            let expected = path.hasPrefix("/a") ? (201, "a") : (202, "b")
            #expect(response.status == expected.0 && response.header("X-App") == expected.1, "\(path): \(response.status)")
        }
        // No forwarder's route takes it: the plan answers at once, without an offer.
        let other = try CurlRequest.post(listener.url + "/c/1", body: Self.randomBytes(8))
        #expect(other.status == 200)
        #expect(appA.receivedPaths == ["/a/1", "/a/2"])
        #expect(appB.receivedPaths == ["/b/1", "/b/2", "/b/3"])
        let last = try Poll.until(timeout: 20) { Self.lines(listener).first { $0["path"] as? String == "/c/1" } }
        #expect(Self.source(last) == "default")
    }

    /// The invariant is per delivery the listener captured, not per request the sender
    /// meant: the sender sends a request again when it fails (a reset, no answer in 30 s),
    /// and each attempt that reached the listener is a delivery of its own, forwarded once.
    /// Counted against the sender's 60 it once read "61 requests for 60 deliveries".
    @Test func twoForwardersOnOneRouteForwardEachDeliveryOnce() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "shared")
        defer { app.stop() }
        let listener = try RunningHookscope(["--headless", "--store", store, "--claim-timeout", Self.patientClaim])
        defer { _ = try? listener.stop() }
        let first = try RunningHookscope(attach: [store, "--headless", "--forward", app.url])
        defer { _ = try? first.stop() }
        let second = try RunningHookscope(attach: [store, "--headless", "--forward", app.url])
        defer { _ = try? second.stop() }
        try Self.waitForForwarders(listener, count: 2)
        let count = 60
        let sent = try LoadSender(urls: [listener.url], count: count, threads: 8).wait()
        let retried = sent.retrySummary
        #expect(sent.count == count)
        #expect(sent.values.allSatisfy { $0.status == 201 }, "every delivery got the app's answer; \(retried)")
        // An attempt the sender gave up on may still wait for its forward: the listener
        // stops once none does (stopping answers what waits by the plan). What it captured
        // is all in the store once it has stopped (it writes what waits before it exits).
        _ = try? Poll.until(timeout: 90) {
            try Self.psql(server, store, "SELECT count(*) FROM hookscope_exchanges WHERE NOT completed") == "0" ? true : nil
        }
        #expect(try listener.stop(timeout: 180) == 0)
        let rows = try Self.psql(server, store, """
            SELECT exchange->>'path', coalesce(exchange->'response'->>'source', '-'), coalesce(exchange->'forward'->>'forwarder', '-')
            FROM hookscope_exchanges ORDER BY id
            """).split(separator: "\n").map { $0.split(separator: "|").map(String.init) }.filter { $0.count == 3 }
        let captured = rows.map { $0[0] }
        #expect(Set(captured) == Set(sent.keys), "the listener captured every path sent")
        #expect(captured.count >= count && captured.count <= count + sent.retries,
                "captured \(captured.count) deliveries for \(count) paths; \(retried)")
        let notForwarded = rows.filter { $0[1] != "forward" || $0[2] == "-" }
        #expect(notForwarded.isEmpty, "captured but not forwarded: \(notForwarded.prefix(5)); \(retried)")
        // Each captured delivery reached the app exactly once: as many requests per path as
        // the listener captured for it.
        let received = app.receivedPaths
        func counts(_ paths: [String]) -> [String: Int] { paths.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        let (capturedCounts, receivedCounts) = (counts(captured), counts(received))
        let differ = Set(captured + received).filter { capturedCounts[$0] != receivedCounts[$0] }.sorted()
        #expect(differ.isEmpty, """
            the app got \(received.count) requests for \(captured.count) captured deliveries; \
            differ: \(differ.prefix(5).map { "\($0) app \(receivedCounts[$0] ?? 0), captured \(capturedCounts[$0] ?? 0)" }); \(retried)
            """)
        // And each was claimed by one forwarder: their lines add up to the deliveries.
        let forwardedLines = { [first, second].map { $0.stderr.components(separatedBy: "forwarded POST /load/").count - 1 } }
        _ = try? Poll.until(timeout: 30) { forwardedLines().reduce(0, +) >= captured.count ? true : nil }
        #expect(forwardedLines().reduce(0, +) == captured.count, "forwarded by each: \(forwardedLines()) for \(captured.count); \(retried)")
    }

    @Test func withoutForwardersThePlanAnswersAtOnceAndUnclaimedAfterTheClaimTimeout() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try RunningHookscope(["--json", "--store", store, "--claim-timeout", "300"])
        defer { _ = try? listener.stop() }
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("remote forward: no forwarder attached") ? true : nil }
        #expect(try CurlRequest.post(listener.url + "/none", body: Self.randomBytes(16)).status == 200)
        // A forwarder that registered and never claims (a laptop that froze).
        _ = try Self.psql(server, store, """
            INSERT INTO hookscope_forwarders (id, who, routes, last_seen)
            VALUES (md5(random()::text)::uuid, 'frozen@laptop', '["http://127.0.0.1:9"]', now() + interval '1 hour')
            """)
        try Self.waitForForwarders(listener, count: 1)
        #expect(try CurlRequest.post(listener.url + "/frozen", body: Self.randomBytes(16)).status == 200)
        let lines = try Poll.until(timeout: 20) { () -> [[String: Any]]? in
            let lines = Self.lines(listener)
            return lines.count >= 2 ? lines : nil
        }
        #expect(lines.map { Self.source($0) ?? "?" } == ["default", "unclaimed"])
        #expect(try Self.psql(server, store, "SELECT count(*) FROM hookscope_forward_offers") == "0", "an unclaimed offer is taken back")
    }

    @Test func aForwarderKilledMidForwardLeavesThePlanToAnswerAtTheDeadline() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        let listener = try RunningHookscope(["--json", "--store", store, "--claim-timeout", Self.patientClaim, "--forward-timeout", "1500", "--status", "202"])
        defer { _ = try? listener.stop() }
        let forwarder = try RunningHookscope(attach: [store, "--headless", "--forward", app.url])
        try Self.waitForForwarders(listener, count: 1)
        let sender = try CurlRequest(post: listener.url + "/hang/1", body: Self.randomBytes(100), maxTime: 60)
        _ = try Poll.until(timeout: 30) { app.receivedPaths.contains("/hang/1") ? true : nil }
        #expect(try forwarder.stop(signal: SIGKILL) == SIGKILL)
        // curl's own --max-time is far past the deadline: an answer means nobody hung.
        let response = try sender.wait()
        #expect(response.status == 202, "the plan's answer")
        let line = try Poll.until(timeout: 20) { Self.lines(listener).first }
        #expect(Self.source(line) == "forward_timeout")
        #expect(((line["forward"] as? [String: Any])?["by"] as? String)?.contains("@") == true, "who was too slow is recorded")
    }

    /// A forwarder that quits (^C) takes its row out of `hookscope_forwarders`, so the
    /// listener stops offering it deliveries at its next read of the list. It used to stay
    /// until the hourly sweep, offered deliveries for its heartbeat's lifetime, each
    /// waiting out the claim timeout to be answered `unclaimed` (B1).
    @Test func aForwarderThatQuitsUnregisters() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        let listener = try RunningHookscope(["--json", "--store", store, "--claim-timeout", Self.patientClaim])
        defer { _ = try? listener.stop() }
        let forwarder = try RunningHookscope(attach: [store, "--headless", "--forward", app.url])
        defer { _ = try? forwarder.stop() }
        try Self.waitForForwarders(listener, count: 1)
        #expect(try CurlRequest.post(listener.url + "/before", body: Self.randomBytes(16)).status == 201)
        #expect(try Self.psql(server, store, "SELECT count(*) FROM hookscope_forwarders") == "1")
        #expect(try forwarder.stop(signal: SIGINT) == 0)
        let gone = try? Poll.until(timeout: 30) {
            try Self.psql(server, store, "SELECT count(*) FROM hookscope_forwarders") == "0" ? true : nil
        }
        let left = try Self.psql(server, store, "SELECT who, last_seen FROM hookscope_forwarders")
        #expect(gone != nil, "the forwarder's row is still there: \(left)")
        // The listener's last word on its forwarders: none (it said so at start too).
        _ = try Poll.until(timeout: 30) { () -> Bool? in
            let said = listener.stderr.components(separatedBy: "\n").last { $0.contains("remote forward: ") }
            return said?.contains("no forwarder attached") == true ? true : nil
        }
        #expect(try CurlRequest.post(listener.url + "/after", body: Self.randomBytes(16)).status == 200)
        let after = try Poll.until(timeout: 20) { Self.lines(listener).first { $0["path"] as? String == "/after" } }
        #expect(Self.source(after) == "default", "answered by the plan at once, not offered to the forwarder that quit: \(after)")
        #expect(app.receivedPaths == ["/before"])
    }

    /// The sender is a third party: when the laptop's app cannot be reached it gets a 502
    /// with a neutral line, not the forwarder's user@host or the app's address; the team
    /// sees why in the record and on the forwarder.
    @Test func aFailedForwardTellsTheSenderNothingOfTheLaptop() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try RunningHookscope(["--json", "--store", store, "--claim-timeout", Self.patientClaim])
        defer { _ = try? listener.stop() }
        // Nothing listens on port 1: the app is down.
        let forwarder = try RunningHookscope(attach: [store, "--headless", "--forward", "http://127.0.0.1:1"])
        defer { _ = try? forwarder.stop() }
        try Self.waitForForwarders(listener, count: 1)
        let response = try CurlRequest.post(listener.url + "/down/1", body: Self.randomBytes(64))
        #expect(response.status == 502)
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(body == "hookscope: the delivery could not be forwarded to the app\n")
        let line = try Poll.until(timeout: 20) { Self.lines(listener).first }
        let forward = try #require(line["forward"] as? [String: Any], "the record keeps the forward: \(line)")
        let by = try #require(forward["by"] as? String)
        #expect(by.contains("@"))
        #expect(!body.contains(by) && !body.contains("127.0.0.1"), "the sender's body names the laptop: \(body)")
        #expect(forward["url"] as? String == "http://127.0.0.1:1/down/1", "the record says where it went")
        #expect((forward["error"] as? String)?.contains("refused") == true, "the record says why: \(forward)")
        #expect(forwarder.stderr.contains("forwarded POST /down/1 to http://127.0.0.1:1/down/1: "), "\(forwarder.stderr.suffix(800))")
    }

    @Test func attachRefusesForwardAlways() throws {
        let result = try HookscopeCommand.run(["attach", "postgres://nobody@127.0.0.1:1/x", "--forward-always"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--forward-always"))
    }
}

import Foundation
import PostgresTestServer
import Testing

/// A forwarder that quits while a delivery is offered to it (issue #16): its unregister
/// wakes the listener, which reads the forwarders at once and takes back the offers whose
/// forwarders have all gone, answered by the plan (`unclaimed`, 'forwarder quit') instead of
/// at --claim-timeout.
extension RemoteForwardCommandTests {
    @Test func aDeliveryOfferedToAForwarderThatQuitsIsAnsweredAtOnce() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        // The claim timeout is never reached here: only the new path says 'forwarder quit'
        // (before it, the plan answered at this timeout with no reason beyond the source).
        let listener = try RunningHookscope(["--json", "--store", store, "--claim-timeout", Self.patientClaim])
        defer { _ = try? listener.stop() }
        let forwarder = try RunningHookscope(attach: [store, "--headless", "--forward", app.url])
        defer { _ = try? forwarder.stop() }
        try Self.waitForForwarders(listener, count: 1)
        let who = try Self.psql(server, store, "SELECT who FROM hookscope_forwarders")
        // Every claim is skipped, so the delivery stays offered to the forwarder, as one
        // its laptop has not claimed yet when its user presses ^C.
        _ = try Self.psql(server, store, """
            CREATE FUNCTION test_skip_claims() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
            CREATE TRIGGER test_skip_claims BEFORE UPDATE ON hookscope_forward_offers FOR EACH ROW
                WHEN (NEW.state = 'claimed') EXECUTE FUNCTION test_skip_claims();
            """)
        let sender = try CurlRequest(post: listener.url + "/quits/1", body: Self.randomBytes(64), maxTime: 120)
        _ = try Poll.until(timeout: 30) {
            try Self.psql(server, store, "SELECT count(*) FROM hookscope_forward_offers WHERE state = 'offered'") == "1" ? true : nil
        }
        #expect(try forwarder.stop(signal: SIGINT) == 0)
        let response = try sender.wait()
        #expect(response.status == 200, "the plan's answer")
        let line = try Poll.until(timeout: 30) { Self.lines(listener).first { $0["path"] as? String == "/quits/1" } }
        #expect(Self.source(line) == "unclaimed", "\(line)")
        let error = (line["forward"] as? [String: Any])?["error"] as? String ?? ""
        #expect(error.contains("forwarder quit") && error.contains(who), "the record says why: \(line)")
        #expect(app.receivedPaths.isEmpty)
        _ = try Poll.until(timeout: 30) {
            try Self.psql(server, store, "SELECT count(*) FROM hookscope_forward_offers") == "0" ? true : nil
        }
    }

    /// A forwarder that quits while its app is still answering a delivery it claimed
    /// (session 18 review L2): it waits a few seconds for the answer and says so; the app
    /// never answers here, so the listener's plan answers as soon as the forwarder is
    /// gone, recorded `forward_timeout` with why, not at the listener's --forward-timeout
    /// (120 s here, past the sender's own limit).
    @Test func aDeliveryWhoseForwarderQuitsMidForwardIsAnsweredWhenItIsGone() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        let listener = try RunningHookscope(["--json", "--store", store, "--claim-timeout", Self.patientClaim, "--forward-timeout", "120000"])
        defer { _ = try? listener.stop() }
        let forwarder = try RunningHookscope(attach: [store, "--headless", "--forward", app.url])
        defer { _ = try? forwarder.stop() }
        try Self.waitForForwarders(listener, count: 1)
        let who = try Self.psql(server, store, "SELECT who FROM hookscope_forwarders")
        let sender = try CurlRequest(post: listener.url + "/hang/1", body: Self.randomBytes(64), maxTime: 60)
        _ = try Poll.until(timeout: 30) { app.receivedPaths.contains("/hang/1") ? true : nil }
        #expect(try forwarder.stop(signal: SIGINT) == 0)
        #expect(forwarder.stderr.contains("waiting up to 5 s for the app's answer to 1 forward in flight"), "\(forwarder.stderr)")
        #expect(forwarder.stderr.contains("1 forward still without an answer after 5 s"), "\(forwarder.stderr)")
        let response = try sender.wait()
        #expect(response.status == 200, "the plan's answer")
        let line = try Poll.until(timeout: 30) { Self.lines(listener).first { $0["path"] as? String == "/hang/1" } }
        #expect(Self.source(line) == "forward_timeout", "\(line)")
        let forward = line["forward"] as? [String: Any] ?? [:]
        let error = forward["error"] as? String ?? ""
        #expect(error.contains("forwarder quit mid-forward") && error.contains(who), "the record says why: \(line)")
    }

    /// A second ^C while the forwarder waits for its app (session 19 review L3) stops the
    /// wait at once and says so; the listener's plan answers as when the wait runs out.
    /// Before, the second signal was ignored and the wait ran its 5 s.
    @Test func aSecondStopSignalEndsTheWaitForForwardsInFlight() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        let listener = try RunningHookscope(["--json", "--store", store, "--claim-timeout", Self.patientClaim, "--forward-timeout", "120000"])
        defer { _ = try? listener.stop() }
        // A drain that only the second signal can end, whatever the machine's load (review
        // session 20 A, L8).
        let forwarder = try RunningHookscope(attach: [store, "--headless", "--forward", app.url, "--drain-timeout", "120000"])
        defer { _ = try? forwarder.stop() }
        try Self.waitForForwarders(listener, count: 1)
        let sender = try CurlRequest(post: listener.url + "/hang/2", body: Self.randomBytes(64), maxTime: 60)
        _ = try Poll.until(timeout: 30) { app.receivedPaths.contains("/hang/2") ? true : nil }
        kill(forwarder.process.processIdentifier, SIGINT)
        _ = try Poll.until(timeout: 30) { forwarder.stderr.contains("(^C again to stop now)") ? true : nil }
        #expect(try forwarder.stop(signal: SIGINT) == 0)
        #expect(forwarder.stderr.contains("SIGINT again: not waiting for 1 forward in flight; the listener answers by its plan"),
                "\(forwarder.stderr)")
        #expect(forwarder.stderr.contains("waiting up to 120 s"), "\(forwarder.stderr)")
        #expect(!forwarder.stderr.contains("still without an answer after"), "\(forwarder.stderr)")
        let response = try sender.wait()
        #expect(response.status == 200, "the plan's answer")
        let line = try Poll.until(timeout: 30) { Self.lines(listener).first { $0["path"] as? String == "/hang/2" } }
        #expect(Self.source(line) == "forward_timeout", "\(line)")
    }
}

import Foundation
import PostgresTestServer
import Testing
import TestSupport

/// `listen --store` with a role the store refuses one statement every time (review H1):
/// the remote forward's offer loop and the held requests' publisher, which every
/// `listen --store` runs, sweep what dead processes left; a role without DELETE there made
/// each reconnect every 100 ms (174 sessions in 5 s as the reviewer saw it), because their
/// backoff started again before the sweep. Since session 16 review M1 a refused sweep keeps
/// the connection: the tunnel and remote intercept work on under that role (here without
/// DELETE on hookscope_forwarders and hookscope_held; without it on the offers there is no
/// tunnel at all, refused at start: StoreHousekeepingTests), and the log says once what
/// could not be cleaned up. StoreReconnectTests has each loop alone.
@Suite(.offThePool) struct StoreBackoffCommandTests {
    static func counter(_ server: PostgresTestServer, _ database: String, _ column: String) throws -> Int {
        Int(try server.psql(database, "SELECT \(column) FROM pg_stat_database WHERE datname = current_database()")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    // async, so that the counting window waits without holding a thread of the test
    // process's small pool (the store tests' deadlines need it).
    @Test func aListenerWhoseSweepsAreRefusedBacksOffAndStillStores() async throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let database = StoreCommandTests.database(store)
        // The schema, made by a listener with the owner's role.
        let owner = try RunningHookscope(["--headless", "--store", store])
        #expect(try owner.stop() == 0)
        let role = "nodelete_\(database)"
        try server.psqlScript(database, """
            CREATE ROLE \(role) LOGIN;
            GRANT ALL ON ALL TABLES IN SCHEMA public TO \(role);
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO \(role);
            REVOKE DELETE ON hookscope_forwarders, hookscope_held FROM \(role);
            """)
        // The server counts a refused sweep as a rollback.
        let rolledBack = try Self.counter(server, database, "xact_rollback")
        let listener = try RunningHookscope(["--headless", "--store", server.url(database: database, user: role),
                                             "--claim-timeout", RemoteForwardCommandTests.patientClaim])
        defer { _ = try? listener.stop() }
        _ = try Poll.until(timeout: 30) { try Self.counter(server, database, "xact_rollback") > rolledBack ? true : nil }
        // Each of the two loops backs off (BackoffBound); 40 times in 4 s without backoff.
        // The window is measured: in a loaded full run the test process may resume long
        // after 4 s (the listener, a process of its own, keeps its pace).
        let before = try Self.counter(server, database, "sessions")
        let started = ContinuousClock.now
        try await Task.sleep(for: .seconds(4))
        let opened = try Self.counter(server, database, "sessions") - before
        let elapsed = ContinuousClock.now - started
        let most = BackoffBound.mostSessions(over: elapsed, loops: 2)
        #expect(opened <= most, "\(opened) sessions in \(elapsed)")
        // What the role may do still works: the delivery is answered and stored.
        #expect(try CurlRequest.post(listener.url + "/still/stored", body: Array("x".utf8)).status == 200)
        _ = try Poll.until(timeout: 60) {
            try server.psql(database, "SELECT count(*) FROM hookscope_exchanges WHERE completed AND exchange->>'path' = '/still/stored'")
                .trimmingCharacters(in: .whitespacesAndNewlines) == "1" ? true : nil
        }
        // The tunnel too (review M1): the refused sweep emptied the relay's list of
        // forwarders a moment after each read of it, so the plan answered every delivery.
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        let forwarder = try RunningHookscope(attach: [store, "--headless", "--forward", app.url])
        defer { _ = try? forwarder.stop() }
        try RemoteForwardCommandTests.waitForForwarders(listener, count: 1)
        for n in 1...3 {
            let response = try CurlRequest.post(listener.url + "/hooks/forwarded\(n)", body: Array("x".utf8))
            #expect(response.status == 201 && response.header("X-App") == "laptop", "delivery \(n) got the app's answer: \(response.status)")
        }
        // Each refusal said once, with what could not be cleaned up and why.
        let log = listener.stderr
        for line in ["remote forward: cannot clean up forwarders gone for an hour (permission denied for table hookscope_forwarders)",
                     "intercept: cannot clean up held requests a minute past their deadline (permission denied for table hookscope_held)"] {
            #expect(log.components(separatedBy: line).count == 2, "once: \(line)\n\(log.suffix(1500))")
        }
        #expect(!log.contains("offers older than an hour"), "the role may delete those")
    }
}

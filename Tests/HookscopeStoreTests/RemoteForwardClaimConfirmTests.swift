import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Synchronization
import Testing

/// A claim whose commit fails after its rows came back, against a real PostgreSQL server
/// with a real relay and a real claimer. The failure is a deferred constraint trigger that
/// refuses the first claim at its commit: the rows are sent while the statement executes,
/// the commit runs at the Sync after them (as when the server is killed in that instant).
@Suite struct RemoteForwardClaimConfirmTests {
    @Test func aClaimThatDoesNotCommitIsNotForwarded() async throws {
        let store = try await TestStore()
        let logger = store.connector.logger
        let migrator = try await store.connector.connect()
        defer { StoreConnector.abandon(migrator) }
        _ = try await StoreMigrator.migrate(migrator, connector: store.connector)
        try await migrator.query("CREATE SEQUENCE test_claims", logger: logger)
        try await migrator.query("""
            CREATE FUNCTION test_fail_first_claim() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
            BEGIN
                IF NEW.state = 'claimed' THEN
                    IF nextval('test_claims') = 1 THEN
                        RAISE EXCEPTION 'the first claim fails at its commit';
                    END IF;
                END IF;
                RETURN NULL;
            END $$
            """, logger: logger)
        try await migrator.query("""
            CREATE CONSTRAINT TRIGGER test_fail_first_claim AFTER UPDATE ON hookscope_forward_offers
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_first_claim()
            """, logger: logger)

        // What the app saw: each call, and the offer's state in the database's committed
        // view at that moment (another session: only what committed).
        let observer = try await store.connector.connect()
        defer { StoreConnector.abandon(observer) }
        let calls = Mutex<[(id: Int, state: String)]>([])
        let app = "http://127.0.0.1:9"
        let claimer = RemoteForwardClaimer(
            connector: store.connector, who: "confirm@laptop", routeValues: [app], routes: ForwardRoutes(upstream: app),
            forward: { exchange, route in
                let state = (try? await Self.state(of: exchange.id, on: observer, connector: store.connector)) ?? "?"
                let count = calls.withLock { calls in calls.append((exchange.id, state)); return calls.count }
                if count == 1, state != "claimed" {
                    // Called on a claim that has not committed: this app is slow, so the
                    // claim after the reconnect finds the row 'offered' and calls it again
                    // before this answer is written (bounded: this is the failure's path).
                    let until = ContinuousClock.now + .seconds(15)
                    while calls.withLock({ $0.count }) < 2, ContinuousClock.now < until { try? await Task.sleep(for: .milliseconds(20)) }
                }
                return RemoteForwardAnswer(
                    answer: PlannedAnswer(status: 201, headers: [], body: Array("from the app".utf8), source: .forward),
                    upstream: UpstreamResponse(url: route.upstream, status: 201, body: Array("from the app".utf8), durationMilliseconds: 1))
            },
            report: { _ in })
        try await claimer.open()
        let claiming = Task { await claimer.run() }
        defer { claiming.cancel() }
        let relay = RemoteForwardRelay(connector: store.connector, run: UUID(), claimTimeout: .seconds(60), forwardTimeout: .seconds(120))
        try await relay.connect()
        relay.begin()
        try await eventually("the relay sees the forwarder") { relay.forwarderNames == [claimer.who] }

        let replies = Mutex<[RemoteForwardResult]>([])
        var offered = delivery(1)
        offered.id = 41
        #expect(relay.offer(offered) { result in replies.withLock { $0.append(result) } })
        try await eventually("the sender is answered") { !replies.withLock { $0 }.isEmpty }
        // The relay deletes the row once it has answered: no claim can start a forward after.
        try await eventually("the offer is gone") { try store.psql("SELECT count(*) FROM hookscope_forward_offers") == "0" }
        #expect(try store.psql("SELECT last_value FROM test_claims") == "2", "the first claim failed at its commit, the second won")
        switch replies.withLock({ $0.first }) {
        case .answered(let answer)?: #expect(answer.answer.status == 201)
        case let other: Issue.record("the sender got \(String(describing: other)), not the app's answer")
        }
        let seen = calls.withLock { $0 }
        #expect(seen.map(\.id) == [41], "one delivery, \(seen.count) forwards: \(seen)")
        #expect(seen.allSatisfy { $0.state == "claimed" }, "the app was called before the claim committed: \(seen)")

        await relay.stop()
        claiming.cancel()
        await claiming.value
    }

    static func state(of local: Int, on connection: PostgresConnection, connector: StoreConnector) async throws -> String {
        var state = "none"
        for try await row in try await connection.query(
            "SELECT state FROM hookscope_forward_offers WHERE local_id = \(local)", logger: connector.logger).decode(String.self) {
            state = row
        }
        return state
    }
}

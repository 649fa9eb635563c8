import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import PostgresTestServer
import Synchronization
import Testing

/// A take-back in doubt whose row the store refuses to delete (session 18 review L3): the
/// refusal is said once, the doubt is kept and settled once the store allows it, and the
/// answer loop keeps its connection meanwhile. Before, the refusal was thrown with the
/// answers' statement: the connection was recycled on every round, and every relayed
/// answer waited behind the backoff. A refusal is tried again after a backoff.
@Suite struct RemoteForwardDoubtFaultTests {
    @Test func aRefusedDoubtIsSaidOnceAndKeepsTheAnswerConnection() async throws {
        let store = try await TestStore()
        let logger = store.connector.logger
        try await RemoteForwardTakeBackTests.migrated(store)
        // The store refuses to delete the doubted row; each refusal counts itself and
        // notes the session that asked (sequences are not rolled back with the refusal).
        try store.psql("""
            CREATE SEQUENCE test_refusals; CREATE SEQUENCE test_refused_pid;
            CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                PERFORM nextval('test_refusals'); PERFORM setval('test_refused_pid', pg_backend_pid());
                RAISE EXCEPTION 'test: this row may not be deleted';
            END $$;
            CREATE TRIGGER test_refuse BEFORE DELETE ON hookscope_forward_offers FOR EACH ROW
                WHEN (OLD.local_id = 49) EXECUTE FUNCTION test_refuse();
            """)
        let forwarder = UUID()
        try store.psql("""
            INSERT INTO hookscope_forwarders (id, who, routes, last_seen) VALUES ('\(forwarder.uuidString.lowercased())', 'slow@laptop', '["http://127.0.0.1:9"]', now() + interval '1 hour')
            """)
        let notices = RemoteForwardTakeBackTests.Notices()
        let relay = try await RemoteForwardTakeBackTests.relay(store, notices: notices, takeBackSeconds: 1)
        try await eventually("the relay sees the forwarder") { relay.forwarderNames == ["slow@laptop"] }

        let replies = Mutex<[RemoteForwardResult]>([])
        var offered = delivery(9)
        offered.id = 49
        #expect(relay.offer(offered) { result in replies.withLock { $0.append(result) } })
        try await eventually("the offer is in the store") {
            try store.psql("SELECT count(*) FROM hookscope_forward_offers WHERE local_id = 49 AND state = 'offered'") == "1"
        }
        // A claim holds the row's lock past the take-back's second: the take-back is unconfirmed.
        let claim = try await store.connector.connect()
        defer { StoreConnector.abandon(claim) }
        try await claim.query("BEGIN", logger: logger)
        try await claim.query("""
            UPDATE hookscope_forward_offers SET state = 'claimed', claimer = \(forwarder), claimed_by = 'slow@laptop', claimed_at = clock_timestamp()
            WHERE local_id = 49 AND state = 'offered'
            """, logger: logger)
        try store.psql("DELETE FROM hookscope_forwarders")
        try await eventually("the sender is answered") { !replies.withLock { $0 }.isEmpty }
        #expect(replies.withLock { $0 } == [.unclaimed(.takeBackUnconfirmed)])
        try await claim.query("COMMIT", logger: logger)

        let refusals = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM test_refusals"
        try await eventually("the relay tries to settle the doubt") { try Int(store.psql(refusals)) ?? 0 >= 1 }
        let firstPID = try store.psql("SELECT last_value FROM test_refused_pid")
        try await eventually("the relay tries again, rounds later") { try Int(store.psql(refusals)) ?? 0 >= 5 }
        #expect(try store.psql("SELECT last_value FROM test_refused_pid") == firstPID, "the answer loop kept its connection")
        // Tried again after a backoff, not every round of the answer loop (session 19 review
        // L2: ten statements a second, for as long as the store refused them).
        let before = try Int(store.psql(refusals)) ?? 0
        let started = ContinuousClock.now
        try await Task.sleep(for: StoreReconnectTests.window)
        let tried = (try Int(store.psql(refusals)) ?? 0) - before
        let elapsed = ContinuousClock.now - started
        #expect(tried <= BackoffBound.mostSessions(over: elapsed), "\(tried) refused deletes in \(elapsed)")
        let said = notices.all.filter { $0.contains("cannot clean up") }
        #expect(said.count == 1, "said once: \(notices.all)")
        #expect(said.first?.contains("test: this row may not be deleted") == true, "\(said)")

        // Allowed again: the doubt kept is settled, and what it learns is said.
        try store.psql("DROP TRIGGER test_refuse ON hookscope_forward_offers")
        try await eventually("the relay says the claim won after all") {
            notices.all.contains { $0.contains("#49") && $0.contains("slow@laptop had claimed it") }
        }
        try await eventually("the row is deleted") { try store.psql("SELECT count(*) FROM hookscope_forward_offers") == "0" }
        await relay.stop()
    }
}

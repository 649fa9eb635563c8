import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Testing

/// A quitting forwarder's unregister waits for answers still being written by locking its
/// claimed offers; an answer batch that locks the same rows in another order deadlocks
/// with it, and PostgreSQL ends one of the two (review session 20 A, M1). When it ends the
/// unregister, the forwarder must still unregister, after the answers, or its claimed
/// deliveries wait out the listener's forward timeout for a forwarder that is gone.
@Suite struct RemoteForwardUnregisterDeadlockTests {
    static let waitingDelete = """
        SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
            AND query LIKE '%DELETE FROM hookscope_forwarders%'
        """

    @Test func anUnregisterEndedByADeadlockIsTriedAgainAfterTheAnswers() async throws {
        let store = try await TestStore()
        let logger = store.connector.logger
        try await RemoteForwardTakeBackTests.migrated(store)
        let forwarder = UUID().uuidString.lowercased()
        let ids = try store.psql("""
            INSERT INTO hookscope_forwarders (id, who, routes) VALUES ('\(forwarder)', 'quitting@laptop', '["http://127.0.0.1:9"]');
            INSERT INTO hookscope_forward_offers (run, local_id, exchange, body, candidates, claim_until, state, claimer)
            SELECT gen_random_uuid(), g, '{}', '\\x00', ARRAY['\(forwarder)'::uuid], now() + interval '1 hour', 'claimed', '\(forwarder)'
            FROM generate_series(1, 2) AS g RETURNING id
            """).split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.sorted()
        let (first, second) = (try #require(ids.first), try #require(ids.last))
        #expect(first != second)

        // The answers' transaction, as a batch UPDATE that reaches the higher id first. Its
        // own deadlock check waits long, so the unregister's (after 5 s) finds the cycle and
        // is the one PostgreSQL ends: the case to survive.
        let answers = try await store.connector.connect()
        defer { StoreConnector.abandon(answers) }
        try await answers.query("BEGIN", logger: logger)
        try await answers.query("SET LOCAL deadlock_timeout = '60s'", logger: logger)
        try await answers.query("UPDATE hookscope_forward_offers SET state = 'answered' WHERE id = \(second)", logger: logger)

        let quitting = try await store.connector.connect()
        defer { StoreConnector.abandon(quitting) }
        // PostgreSQL looks for a deadlock once, deadlock_timeout after a wait begins: the
        // answers' second UPDATE must be waiting by then, or the answers side is the victim
        // at its 60 s (review session 20 C, M1). 5 s leaves a loaded machine room.
        try await quitting.query("SET deadlock_timeout = '5s'", logger: logger)
        let uuid = try #require(UUID(uuidString: forwarder))
        let unregistering = Task { try await RemoteForwardClaimer.unregister(uuid, on: quitting, logger: logger) }
        // It holds its share lock on the lower id and waits for the higher.
        try await eventually("the unregister waits for the answer's row") { try store.psql(Self.waitingDelete) == "1" }
        // The answer's second row: now each waits for the other.
        let secondAnswer = Task { try await answers.query("UPDATE hookscope_forward_offers SET state = 'answered' WHERE id = \(first)", logger: logger) }
        _ = try await secondAnswer.value
        try await answers.query("COMMIT", logger: logger)
        try await unregistering.value

        #expect(try store.psql("SELECT count(*) FROM hookscope_forwarders WHERE id = '\(forwarder)'") == "0", "the forwarder is still registered")
        #expect(try store.psql("SELECT string_agg(state, ',') FROM hookscope_forward_offers") == "answered,answered", "the answers were lost")
    }
}

import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Testing

extension HeldRequestsTests {
    /// Session 16 review L1: a decision whose UPDATE waits for a row lock past the decider's
    /// patience is ended by the server (lock_timeout below the client's 5 s), so "undecided"
    /// is true: once the lock goes, nothing decides the row behind the UI's back. Without
    /// the server's limit the backend went on waiting after the client left, and committed.
    @Test func aDecisionStuckOnARowLockIsEndedByTheServerAndDecidesNothing() async throws {
        let listening = try await Listening("server-7", holding: 1)
        let (store, controller) = (listening.store, listening.controller)
        let ana = HeldRequestsFollower(connector: store.connector)
        let following = Task { await ana.follow() }
        defer { following.cancel() }
        try await eventually("the UI sees it") { ana.waiting.count == 1 }
        let exchangeID = try #require(ana.waiting.first?.exchangeID)
        // Another session holds the row, as a stuck listener or decider would.
        let locker = try await store.connector.connect()
        defer { StoreConnector.abandon(locker) }
        try await locker.query("BEGIN", logger: store.connector.logger)
        try await locker.query("SELECT 1 FROM hookscope_held FOR UPDATE", logger: store.connector.logger)
        do {
            let outcome = try await ana.decideOne(exchangeID, .drop, by: "ana@laptop")
            Issue.record("decided while the row was locked: \(outcome)")
        } catch {
            #expect(StoreConnector.reason(error) == "canceling statement due to lock timeout", "the server's refusal, not the client's deadline")
        }
        try await locker.query("ROLLBACK", logger: store.connector.logger)
        try await eventually("no UPDATE of the row runs any more") {
            try store.psql("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND state <> 'idle' AND query LIKE '%UPDATE hookscope_held h SET decision%' AND pid <> pg_backend_pid()
                """) == "0"
        }
        #expect(try store.psql("SELECT decision IS NULL FROM hookscope_held") == "t", "still undecided")
        #expect(controller.carriedOut.withLock { $0.isEmpty })
        await listening.finish()
    }
}

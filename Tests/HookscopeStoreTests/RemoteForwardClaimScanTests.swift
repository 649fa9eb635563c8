import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import PostgresTestServer
import Testing

/// What the claim statement reads, against a real PostgreSQL server: the offers already
/// claimed and deleted, whose dead entries stay in the index of open offers until VACUUM,
/// are read once, not at every claim round (`RemoteForwardClaimer.claimSettings`); offers
/// past their claim time are not read at all.
@Suite struct RemoteForwardClaimScanTests {
    static let dead = 2000

    /// Runs `body` on a migrated database of a PostgreSQL server of its own: an entry is
    /// marked dead only once no transaction of the whole server may still see its row
    /// (PostgreSQL's horizon is conservative across databases), and the shared server runs
    /// other tests' transactions meanwhile (a full run read 299 blocks at the second round
    /// there). The server is stopped off the cooperative pool (`pg_ctl` waits), also when
    /// `body` throws.
    static func withOwnServer(_ body: (TestStore, PostgresConnection) async throws -> Void) async throws {
        let store = try await TestStore(dedicated: true)
        do {
            let setup = try await store.connector.connect()
            defer { StoreConnector.abandon(setup) }
            _ = try await StoreMigrator.migrate(setup, connector: store.connector)
            try await body(store, setup)
        } catch {
            _ = try? await PostgresTestServer.offThePool { store.server.stop() }
            throw error
        }
        try await PostgresTestServer.offThePool { store.server.stop() }
    }

    @Test func aClaimRoundDoesNotReadTheDeadOffersAgain() async throws {
        try await Self.withOwnServer { store, setup in
            let logger = store.connector.logger
            // Autovacuum would clean the table within the test's wait (27 s after the deletes on
            // a fresh cluster) and let a bitmap scan pass too (review session 20 B, M2).
            try await setup.query("ALTER TABLE hookscope_forward_offers SET (autovacuum_enabled = false)", logger: logger)
            let forwarder = UUID()
            // Offers of 1 KB as the tunnel's, claimed and then deleted as answered: what a run
            // leaves between two of autovacuum's visits.
            try await setup.query("""
                INSERT INTO hookscope_forward_offers (run, local_id, exchange, body, candidates, claim_until)
                SELECT \(UUID()), g, '{}', convert_to(repeat('a', 1024), 'UTF8'), ARRAY[\(forwarder)]::uuid[], now() + interval '1 hour'
                FROM generate_series(1, \(Self.dead)) AS g
                """, logger: logger)
            try await setup.query("UPDATE hookscope_forward_offers SET state = 'claimed', claimer = \(forwarder)", logger: logger)
            try await setup.query("DELETE FROM hookscope_forward_offers", logger: logger)

            let claims = try await store.connector.connect(settings: RemoteForwardClaimer.claimSettings)
            defer { StoreConnector.abandon(claims) }
            let statement = RemoteForwardClaimer.ClaimOffers(forwarder: forwarder, who: "scan@laptop")
            // 2 000 rows of 1 KB are some 290 heap pages; the index of open offers a handful.
            // With a bitmap scan every round reads them all again (measured: 293 each round), so
            // this never settles; with the index scan a round after the horizon has passed the
            // deletes does (the second, when nothing else runs).
            var rounds: [Int] = []
            let deadline = ContinuousClock.now + .seconds(30)
            while rounds.last.map({ $0 >= 40 }) ?? true, ContinuousClock.now < deadline {
                if !rounds.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
                rounds.append(try await Self.blocksRead(by: statement, on: claims, connector: store.connector))
            }
            #expect(rounds.last! < 40, "\(rounds.count) claim rounds in 30 s: the first read \(rounds.first!) blocks, the last \(rounds.last!)")
        }
    }

    /// Offers nobody took back (a listener killed with SIGKILL leaves its offers `offered`
    /// until the hourly sweep) are alive: no scan can mark them. The claim reads only the
    /// offers still claimable, by the index on the deadline (schema version 8), not all of
    /// them at every round of every forwarder (a seq scan before).
    @Test func aClaimRoundDoesNotReadOffersPastTheirClaimTime() async throws {
        try await Self.withOwnServer { store, setup in
            let logger = store.connector.logger
            let forwarder = UUID()
            try await setup.query("""
                INSERT INTO hookscope_forward_offers (run, local_id, exchange, body, candidates, claim_until)
                SELECT \(UUID()), g, '{}', convert_to(repeat('a', 1024), 'UTF8'), ARRAY[\(forwarder)]::uuid[], now() - interval '1 minute'
                FROM generate_series(1, \(Self.dead)) AS g
                """, logger: logger)
            // The statistics autovacuum's ANALYZE keeps on a live store, now.
            try await setup.query("ANALYZE hookscope_forward_offers", logger: logger)
            let claims = try await store.connector.connect(settings: RemoteForwardClaimer.claimSettings)
            defer { StoreConnector.abandon(claims) }
            let statement = RemoteForwardClaimer.ClaimOffers(forwarder: forwarder, who: "scan@laptop")
            let blocks = try await Self.blocksRead(by: statement, on: claims, connector: store.connector)
            // ~290 heap pages for a seq scan; a few index pages with the deadline's index.
            #expect(blocks < 40, "a claim round read \(blocks) blocks for \(Self.dead) offers past their claim time")
        }
    }

    /// Shared blocks (hit or read) the statement's plan touched, by EXPLAIN ANALYZE (the
    /// statement runs: here it claims nothing).
    static func blocksRead(by statement: RemoteForwardClaimer.ClaimOffers, on connection: PostgresConnection,
                           connector: StoreConnector) async throws -> Int {
        let explained = PostgresQuery(unsafeSQL: "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + RemoteForwardClaimer.ClaimOffers.sql,
                                      binds: statement.makeBindings())
        var text = ""
        for try await line in try await connection.query(explained, logger: connector.logger).decode(String.self) { text += line }
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        let top = try #require(plan.first?["Plan"] as? [String: Any])
        return (top["Shared Hit Blocks"] as? Int ?? 0) + (top["Shared Read Blocks"] as? Int ?? 0)
    }
}

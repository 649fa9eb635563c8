import Foundation
import NIOCore
import PostgresNIO

/// The listener's statements of every delivery through the tunnel, prepared once per
/// connection: PostgreSQL parses each once, where a statement sent as text was parsed at
/// every round. It still plans each execution for its own values (`plan_cache_mode`,
/// StoreConnector.everySession): a generic plan kept from a store's first seconds scanned
/// whole tables. Their rows go as arrays (one bind each), so the text is the same whatever
/// the batch's size: a VALUES list made one statement per batch size (docs/benchmarks.md,
/// issue #16).
extension RemoteForwardRelay {
    /// The offers and the forwarders' wake-up in one round trip. An offer sent again
    /// (after a lost connection) finds its row and returns its id. `candidates` goes as
    /// PostgreSQL's text form of a uuid array (`{a,b}`), one per offer: the lists differ
    /// in length, which a two-dimensional array cannot hold.
    struct InsertOffers: PostgresPreparedStatement {
        static let name = "hookscope_insert_offers"
        static let sql = """
            WITH offered AS (
                INSERT INTO hookscope_forward_offers (run, local_id, exchange, body, candidates, claim_until)
                SELECT $1, g.local_id, g.exchange::json, g.body, g.candidates::uuid[],
                    clock_timestamp() + make_interval(secs => g.seconds_left)
                FROM unnest($2::bigint[], $3::text[], $4::bytea[], $5::text[], $6::float8[]) WITH ORDINALITY
                    AS g (local_id, exchange, body, candidates, seconds_left, ord)
                ORDER BY g.ord
                ON CONFLICT (run, local_id) DO UPDATE SET run = EXCLUDED.run
                RETURNING id, local_id
            )
            SELECT offered.id, offered.local_id FROM offered, LATERAL (SELECT pg_notify('hookscope_forward_offers', '')) AS woken
            """
        typealias Row = (Int, Int)
        struct Offer: Sendable {
            var localID: Int
            var exchangeJSON: String
            var body: [UInt8]
            var candidates: [UUID]
            /// What is left of the claim time: the database's clock refuses a claim after
            /// it, so an offer the listener could not take back is not claimed later.
            var secondsLeft: Double
        }
        var run: UUID
        var offers: [Offer]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 6)
            bindings.append(run)
            bindings.append(offers.map(\.localID))
            bindings.append(offers.map(\.exchangeJSON))
            bindings.append(offers.map { ByteBuffer(bytes: $0.body) })
            bindings.append(offers.map { "{" + $0.candidates.map { $0.uuidString.lowercased() }.joined(separator: ",") + "}" })
            bindings.append(offers.map(\.secondsLeft))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Deletes the answered rows among `watched` (returning the answers) and the rows in
    /// `done`, and reads who claimed `unseenClaims`. The sub-SELECT reads the statement's
    /// snapshot: rows answered are still there (and excluded by their state), rows deleted
    /// by the DELETE too.
    struct CollectAnswers: PostgresPreparedStatement {
        static let name = "hookscope_collect_answers"
        static let sql = """
            WITH done AS (
                DELETE FROM hookscope_forward_offers
                WHERE (id = ANY($1) AND state = 'answered') OR id = ANY($2)
                RETURNING id, state, claimed_by, claimer, answer::text AS answer, answer_body, upstream_body)
            SELECT id, state, claimed_by, claimer, answer, answer_body, upstream_body FROM done
            UNION ALL
            SELECT id, state, claimed_by, claimer, NULL, NULL, NULL FROM hookscope_forward_offers
            WHERE id = ANY($3) AND state = 'claimed'
            """
        typealias Row = (Int, String, String?, UUID?, String?, ByteBuffer?, ByteBuffer?)
        var watched: [Int]
        var done: [Int]
        var unseenClaims: [Int]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(watched)
            bindings.append(done)
            bindings.append(unseenClaims)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

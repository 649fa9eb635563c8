import Foundation
import NIOCore
import PostgresNIO

/// The forwarder's statements of every delivery, prepared once per connection (parsed once,
/// planned for each execution's values: RemoteForwardRelay+Statements.swift says why): the
/// claim, its read-back, the answers.
extension RemoteForwardClaimer {
    /// Every open offer that names forwarder `forwarder`, claimed. `claim_until > now()` is
    /// implied by the exact check after it (`now()`, the statement's start, is never later
    /// than `clock_timestamp()`), but unlike it can be an index condition: the index of open
    /// offers by deadline (schema version 8) then gives only the offers of the last claim
    /// timeout (RemoteForwardClaimScanTests).
    struct ClaimOffers: PostgresPreparedStatement {
        static let name = "hookscope_claim_offers"
        static let sql = """
            UPDATE hookscope_forward_offers SET state = 'claimed', claimer = $1, claimed_by = $2, claimed_at = clock_timestamp()
            WHERE state = 'offered' AND $1 = ANY(candidates) AND claim_until > now() AND claim_until > clock_timestamp()
            RETURNING id, exchange::text, body
            """
        typealias Row = (Int, String, ByteBuffer)
        var forwarder: UUID
        var who: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(forwarder)
            bindings.append(who)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Which of `offers` this forwarder holds (claimed, committed), and which still read
    /// 'offered' (RemoteForwardClaimer+Confirm.swift).
    struct ConfirmClaims: PostgresPreparedStatement {
        static let name = "hookscope_confirm_claims"
        static let sql = """
            SELECT id, state = 'claimed' AND claimer IS NOT DISTINCT FROM $1, state = 'offered'
            FROM hookscope_forward_offers WHERE id = ANY($2)
            """
        typealias Row = (Int, Bool, Bool)
        var forwarder: UUID
        var offers: [Int]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(forwarder)
            bindings.append(offers)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The answers ready, with the listeners' wake-up, in one round trip; returns the ids
    /// written. The answers go as arrays (one bind each), so the text is the same for every
    /// batch: a VALUES list made one statement per batch size, each parsed and planned anew.
    ///
    /// A row that still reads 'offered' is taken too: when forwards started on the claim's
    /// rows, before its commit, a fast app's answer got here first, and an UPDATE that
    /// required 'claimed' passed over the row (reported late; at c=16 12 of 16 senders
    /// waited for the listener's deadline). Such a row is locked by the claim, so the UPDATE
    /// waits and checks it again after the commit (this forwarder's: answered; another's:
    /// not). Forwards now start only once their claim is read back committed
    /// (RemoteForwardClaimer+Confirm.swift), so this is a safeguard that no longer decides
    /// anything.
    struct WriteAnswers: PostgresPreparedStatement {
        static let name = "hookscope_write_answers"
        static let sql = """
            WITH given AS (
                SELECT * FROM unnest($2::bigint[], $3::text[], $4::bytea[], $5::bytea[])
                    AS g (id, answer, answer_body, upstream_body)
            ), answered AS (UPDATE hookscope_forward_offers AS offer SET state = 'answered', answer = given.answer::json,
                    answer_body = given.answer_body, upstream_body = given.upstream_body
                FROM given
                WHERE offer.id = given.id AND (offer.state = 'offered' OR (offer.state = 'claimed' AND offer.claimer = $1))
                RETURNING offer.id
            )
            SELECT answered.id FROM answered, LATERAL (SELECT pg_notify('hookscope_forward_answers', '')) AS woken
            """
        typealias Row = Int
        var forwarder: UUID
        var answers: [PendingAnswer]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(forwarder)
            bindings.append(answers.map(\.offerID))
            bindings.append(answers.map { $0.answer.encoded() })
            bindings.append(answers.map { ByteBuffer(bytes: $0.answer.answer.body) })
            bindings.append(answers.map { ByteBuffer(bytes: $0.answer.upstream.body) })
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int.self) }
    }
}

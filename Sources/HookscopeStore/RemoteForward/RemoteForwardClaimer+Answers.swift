import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO

/// The forwarder's answer loop on its own connection: every answer ready is written in one
/// statement with the listeners' wake-up, then reported (late when the listener had
/// stopped waiting: the row was no longer claimed by this forwarder).
extension RemoteForwardClaimer {
    struct PendingAnswer: Sendable {
        var offerID: Int
        var exchange: Exchange
        var answer: RemoteForwardAnswer
        var madeAt: ContinuousClock.Instant
    }

    /// How long an answer is tried again while the database is away; the listener's own
    /// deadline has passed long before.
    static let answerPatience = Duration.seconds(10)

    func answerLoop() async {
        await answerLink.keep(while: { true }) { connection in
            while !Task.isCancelled {
                try await self.writeAnswers(on: connection)
                if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                await self.answerWakeup.wait(timeout: .seconds(1))
            }
        }
        // Stopped: what was not written reached no sender.
        let left = pendingAnswers.withLock { pending in defer { pending = [] }; return pending }
        for pending in left { finish(pending, late: true) }
    }

    func writeAnswers(on connection: PostgresConnection) async throws {
        let batch = pendingAnswers.withLock { pending in defer { pending = [] }; return pending }
        guard !batch.isEmpty else { return }
        var bindings = PostgresBindings(capacity: batch.count * 4 + 1)
        bindings.append(id)
        var sql = "WITH given (id, answer, answer_body, upstream_body) AS (VALUES "
        for (index, pending) in batch.enumerated() {
            let base = 1 + index * 4
            if index > 0 { sql += "," }
            sql += "($\(base + 1)::bigint,$\(base + 2)::json,$\(base + 3)::bytea,$\(base + 4)::bytea)"
            bindings.append(pending.offerID)
            bindings.append(pending.answer.encoded())
            bindings.append(ByteBuffer(bytes: pending.answer.answer.body))
            bindings.append(ByteBuffer(bytes: pending.answer.upstream.body))
        }
        // The answers and the listeners' wake-up in one round trip.
        //
        // A row that still reads 'offered' is taken too: when forwards started on the
        // claim's rows, before its commit, a fast app's answer got here first, and an
        // UPDATE that required 'claimed' passed over the row (reported late; at c=16 12 of
        // 16 senders waited for the listener's deadline). Such a row is locked by the
        // claim, so the UPDATE waits and checks it again after the commit (this
        // forwarder's: answered; another's: not). Forwards now start only once their claim
        // is read back committed (RemoteForwardClaimer+Confirm.swift), so this is a
        // safeguard that no longer decides anything.
        sql += "), answered AS (UPDATE hookscope_forward_offers AS offer SET state = 'answered', answer = given.answer,"
        sql += " answer_body = given.answer_body, upstream_body = given.upstream_body FROM given"
        sql += " WHERE offer.id = given.id AND (offer.state = 'offered' OR (offer.state = 'claimed' AND offer.claimer = $1))"
        sql += " RETURNING offer.id)"
        sql += " SELECT answered.id FROM answered, LATERAL (SELECT pg_notify('hookscope_forward_answers', '')) AS woken"
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        let written: Set<Int>
        do {
            written = try await StoreDeadline.run(seconds: 10) { _ -> Set<Int> in
                let rows = try await connection.query(query, logger: self.connector.logger)
                var written = Set<Int>()
                for try await offerID in rows.decode(Int.self) { written.insert(offerID) }
                return written
            }
            answerLink.progressed()
        } catch {
            // Tried again on the next connection while the listener may still wait.
            let now = ContinuousClock.now
            let again = batch.filter { now - $0.madeAt < Self.answerPatience }
            pendingAnswers.withLock { $0 = again + $0 }
            for pending in batch where now - pending.madeAt >= Self.answerPatience {
                finish(pending, late: true)
            }
            throw error
        }
        for pending in batch {
            finish(pending, late: !written.contains(pending.offerID))
        }
    }

    /// An answer written (or given up on): reported, and no longer in flight.
    private func finish(_ pending: PendingAnswer, late: Bool) {
        report(Forwarded(exchange: pending.exchange, answer: pending.answer, late: late))
        inFlight.withLock { $0 -= 1 }
        drained.signal()
    }
}

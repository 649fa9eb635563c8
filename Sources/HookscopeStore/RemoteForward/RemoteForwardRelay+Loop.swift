import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO

/// The relay's answer loop on its own connection: reads and deletes answered rows, learns
/// claims, deletes rows done with and those of take-backs in doubt (RemoteForwardRelay.swift
/// has the offers and deadlines, RemoteForwardRelay+Offers.swift the inserts,
/// RemoteForwardRelay+TakeBack.swift the take-backs).
extension RemoteForwardRelay {
    func answerLoop() async {
        await answerLink.keep(while: { !self.isStopping }) { connection in
            try await self.answerWakeup.listening(to: "hookscope_forward_answers", on: connection) {
                while !Task.isCancelled, !self.isStopping {
                    try await StoreDeadline.run(seconds: 5) { _ in try await self.collectAnswers(on: connection) }
                    try await self.settleDoubtsAside(on: connection)
                    self.answerLink.progressed()
                    if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                    let busy = self.state.withLock { !$0.waiting.isEmpty || !$0.inDoubt.isEmpty }
                    await self.answerWakeup.wait(timeout: busy ? .milliseconds(100) : .seconds(1))
                }
            }
        }
    }

    /// `settleDoubts` on its own: its senders have been answered, and what it learns goes
    /// to the log only, so a statement the store refuses (a role, a rule, a trigger) is
    /// said once and its doubts are kept for the next round, on the same connection.
    /// Thrown with the answers' statement, it recycled the connection and held every
    /// relayed answer behind the backoff, round after round (session 18 review L3). A
    /// failure of the connection itself still reaches the loop, which reconnects.
    private func settleDoubtsAside(on connection: PostgresConnection) async throws {
        try await housekeeping.clean("the rows of take-backs the store did not confirm", on: connection) {
            try await StoreDeadline.run(seconds: 5) { _ in try await self.settleDoubts(on: connection) }
        }
    }

    /// One round trip: deletes the answered rows among those waiting (returning the
    /// answers) and the rows done with, and reads who claimed the offers whose claim has
    /// not been seen yet.
    func collectAnswers(on connection: PostgresConnection) async throws {
        let (watched, unseenClaims, done) = state.withLock { state -> ([(Int, Int)], [Int], [Int]) in
            defer { state.toDelete = [] }
            var watched: [(Int, Int)] = []
            var unseen: [Int] = []
            for (local, entry) in state.waiting {
                guard let offerID = entry.offerID else { continue }
                watched.append((offerID, local))
                if entry.claimedBy == nil { unseen.append(offerID) }
            }
            return (watched, unseen, state.toDelete)
        }
        guard !watched.isEmpty || !done.isEmpty else { return }
        let localByOffer = Dictionary(uniqueKeysWithValues: watched)
        let rows: PostgresRowSequence
        do {
            // The sub-SELECT reads the statement's snapshot: rows answered are still there
            // (and excluded by their state), rows deleted by the DELETE too.
            rows = try await connection.query("""
                WITH done AS (
                    DELETE FROM hookscope_forward_offers
                    WHERE (id = ANY(\(watched.map { $0.0 })) AND state = 'answered') OR id = ANY(\(done))
                    RETURNING id, state, claimed_by, answer::text AS answer, answer_body, upstream_body)
                SELECT id, state, claimed_by, answer, answer_body, upstream_body FROM done
                UNION ALL
                SELECT id, state, claimed_by, NULL, NULL, NULL FROM hookscope_forward_offers
                WHERE id = ANY(\(unseenClaims)) AND state = 'claimed'
                """, logger: connector.logger)
        } catch {
            state.withLock { $0.toDelete += done }
            throw error
        }
        for try await (offerID, rowState, by, answer, answerBody, upstreamBody)
            in rows.decode((Int, String, String?, String?, ByteBuffer?, ByteBuffer?).self) {
            guard let local = localByOffer[offerID] else { continue }
            if rowState == "answered", let answer {
                do {
                    let decoded = try RemoteForwardAnswer.decode(
                        answer, answerBody: answerBody.map { Array($0.readableBytesView) } ?? [],
                        upstreamBody: upstreamBody.map { Array($0.readableBytesView) } ?? [])
                    resolve(local, .answered(decoded), deleteRow: false)
                } catch {
                    resolve(local, .timedOut(by: by), deleteRow: false)
                }
            } else if let by {
                markClaimed(local, by: by)
            }
        }
        settleRowsGone()
    }

    /// Take-backs that found their row gone, noted before this round's rows were all read:
    /// an answer among them has been relayed by now, so what still waits had none.
    private func settleRowsGone() {
        let gone = state.withLock { state in defer { state.rowsGone = [:] }; return state.rowsGone }
        for (local, why) in gone.sorted(by: { $0.key < $1.key }) { resolve(local, .unclaimed(why)) }
    }
}

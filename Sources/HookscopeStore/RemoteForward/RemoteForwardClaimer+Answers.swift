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
        // The answers and the listeners' wake-up in one round trip (WriteAnswers).
        let statement = WriteAnswers(forwarder: id, answers: batch)
        let written: Set<Int>
        do {
            written = try await StoreDeadline.run(seconds: 10) { _ -> Set<Int> in
                let rows = try await connection.execute(statement, logger: self.connector.logger)
                var written = Set<Int>()
                for try await offerID in rows { written.insert(offerID) }
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

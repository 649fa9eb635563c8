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
            try await self.answerWakeup.listening(to: "hookscope_forward_answers", on: connection, heard: {
                self.state.withLock { $0.answersHeard &+= 1 }
            }) {
                while !Task.isCancelled, !self.isStopping {
                    try await StoreDeadline.run(seconds: 5) { _ in try await self.collectAnswers(on: connection) }
                    try await self.settleDoubtsAside(on: connection)
                    self.answerLink.progressed()
                    if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                    let busy = self.state.withLock { state in
                        state.answersIdle = state.waiting.isEmpty && (state.inDoubt.isEmpty || state.doubtsRetry != nil)
                        return !state.answersIdle
                    }
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
    ///
    /// A refusal is tried again after a backoff (StoreBackoff: 100 ms doubling to 5 s), not
    /// every round: kept in doubt, it made the loop look every 100 ms and send the refused
    /// statement each time, for as long as the store refused it (session 19 review L2).
    private func settleDoubtsAside(on connection: PostgresConnection) async throws {
        let due = state.withLock { state in state.doubtsRetry.map { ContinuousClock.now >= $0 } ?? true }
        guard due else { return }
        let settled = try await housekeeping.clean("the rows of take-backs the store did not confirm", on: connection) {
            try await StoreDeadline.run(seconds: 5) { _ in try await self.settleDoubts(on: connection) }
        }
        state.withLock { state in
            if settled {
                state.doubtsBackoff.succeeded()
                state.doubtsRetry = nil
            } else {
                state.doubtsRetry = .now + state.doubtsBackoff.failed()
            }
        }
    }

    /// One round trip: deletes the answered rows among those waiting (returning the
    /// answers) and the rows done with, and reads who claimed the offers whose claim has
    /// not been seen yet.
    func collectAnswers(on connection: PostgresConnection) async throws {
        // Claimers that quit, noted before this round's statement: its snapshot has every
        // answer they wrote before they unregistered (RemoteForwardRelay+TakeBack.swift).
        let (watched, unseenClaims, done, claimersGone) = state.withLock { state -> ([(Int, Int)], [Int], [Int], Set<Int>) in
            defer { state.toDelete = []; state.claimersGone = [] }
            var watched: [(Int, Int)] = []
            var unseen: [Int] = []
            for (local, entry) in state.waiting {
                guard let offerID = entry.offerID else { continue }
                watched.append((offerID, local))
                if entry.claimedBy == nil || entry.claimer == nil { unseen.append(offerID) }
            }
            return (watched, unseen, state.toDelete, state.claimersGone)
        }
        // Settled after the round's rows; a round that fails leaves them to the next one,
        // whose snapshot is later still.
        var roundRead = false
        defer {
            if roundRead {
                settleClaimersGone(claimersGone)
            } else if !claimersGone.isEmpty {
                state.withLock { $0.claimersGone.formUnion(claimersGone) }
            }
        }
        guard !watched.isEmpty || !done.isEmpty else {
            roundRead = true
            return
        }
        let localByOffer = Dictionary(uniqueKeysWithValues: watched)
        let rows: AsyncThrowingMapSequence<PostgresRowSequence, CollectAnswers.Row>
        do {
            rows = try await connection.execute(
                CollectAnswers(watched: watched.map { $0.0 }, done: done, unseenClaims: unseenClaims), logger: connector.logger)
        } catch {
            state.withLock { $0.toDelete += done }
            throw error
        }
        for try await (offerID, rowState, by, claimer, answer, answerBody, upstreamBody) in rows {
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
                markClaimed(local, by: by, claimer: claimer)
            }
        }
        roundRead = true
        settleRowsGone()
    }

    /// Claimed offers whose claimer quit, noted before this round began: an answer it wrote
    /// before quitting has been relayed by now, so one still waiting will get none. The
    /// plan answers at once, not at the forward timeout (session 18 review L2).
    private func settleClaimersGone(_ gone: Set<Int>) {
        guard !gone.isEmpty else { return }
        let quit = state.withLock { state in
            gone.compactMap { local in state.waiting[local].map { (local, $0.claimedBy ?? "a forwarder") } }
        }
        for (local, by) in quit.sorted(by: { $0.0 < $1.0 }) { resolve(local, .forwarderQuit(by: by)) }
    }

    /// Take-backs that found their row gone, noted before this round's rows were all read:
    /// an answer among them has been relayed by now, so what still waits had none.
    private func settleRowsGone() {
        let gone = state.withLock { state in defer { state.rowsGone = [:] }; return state.rowsGone }
        for (local, why) in gone.sorted(by: { $0.key < $1.key }) { resolve(local, .unclaimed(why)) }
    }
}

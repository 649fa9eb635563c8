import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO

/// Taking an offer back: at the claim deadline, or at once when every forwarder it was
/// offered to has quit; and what the relay learns later about a take-back the store did
/// not confirm in time (RemoteForwardRelay.swift has the offers and the deadlines).
///
/// A take-back is a DELETE that requires the state `offered`, so a claim that committed
/// first still wins (the relay then waits for its answer) and a claim after it finds no row.
/// The sender is never held past the claim deadline for the database's sake, so when that
/// DELETE does not answer within its second (a slow or lost database, a claim's lock on the
/// row), the plan answers `unclaimed` without knowing: a claim may still commit and the app
/// be called once. The record says so (`Unclaimed.takeBackUnconfirmed`), and the row is
/// kept in `inDoubt` until it can be deleted, which tells whether it had been claimed; that
/// is said in the log.
///
/// UNFINISHED: what is learned later reaches the log only, not the exchange's record (it
/// was written when the sender was answered, and the relay has no way back to the capture).
extension RemoteForwardRelay {
    /// The claim deadline: an offer nobody claimed is taken back (atomically against a
    /// claim) and the plan answers; a claimed one goes on waiting for its answer. An offer
    /// whose insert is still in flight is taken back when the insert returns (it may be
    /// claimed the moment it commits, so answering `unclaimed` now could send the delivery
    /// to an app while the sender got the plan's answer).
    func claimTimeIsUp(_ id: Int) async {
        enum Next { case nothing, answer, takeBack(Int) }
        let next = state.withLock { state -> Next in
            guard let entry = state.waiting[id], entry.claimedBy == nil, !entry.takingBack else { return .nothing }
            if let offerID = entry.offerID {
                state.waiting[id]?.takingBack = true
                return .takeBack(offerID)
            }
            if entry.inserting {
                // Its forwarders' quitting, if that came first, is the truer reason.
                if entry.takeBackOnInsert == nil { state.waiting[id]?.takeBackOnInsert = .claimTimeout }
                return .nothing
            }
            // Never sent (the database is away, or slow): nobody can have claimed it.
            return .answer
        }
        switch next {
        case .nothing: return
        case .answer: resolve(id, .unclaimed(.claimTimeout))
        case .takeBack(let offerID): await takeBack(id, offerID: offerID, why: .claimTimeout)
        }
    }

    /// After a read of the forwarders: the offers none of whose forwarders may claim any
    /// more (each quit and deleted its row: `attach --forward` stopped; or is quitting and
    /// waits for its forwards in flight, its routes withdrawn: in `registered`, not in
    /// `claiming`) are taken back now, not at the claim timeout, which would hold their
    /// senders for nothing (issue #16, session 19 review L1). Only offers made before that
    /// read began are judged: a forwarder named by a terminal UI (`only`) registered before
    /// the decision the offer came from, so a read that began after the offer sees its row
    /// unless it is gone.
    ///
    /// A claimed offer whose claimer's row is gone gets no answer any more: a forwarder
    /// that quits writes the answers of its forwards in flight before it unregisters
    /// (RemoteForwardClaimer+Drain.swift), so the answer loop's next round relays those,
    /// and the plan answers what is left then (`forwarderQuit(by:)`), not at the forward
    /// timeout (session 18 review L2). Its row cannot be missing for any other reason: a
    /// forwarder registers before it claims.
    ///
    /// A forwarder killed (SIGKILL, a laptop that lost power) deletes nothing: its row stays
    /// until the hourly sweep, so its offers wait out the claim timeout, and listeners stop
    /// offering it new ones when its heartbeat is 5 s old (`forwarderLifetimeSeconds`).
    func takeBackDeserted(registered: Set<UUID>, claiming: Set<UUID>, before readStart: ContinuousClock.Instant, names: [UUID: String]) {
        let (takeBacks, answers) = state.withLock { state -> ([(Int, Int, RemoteForwardResult.Unclaimed)], [(Int, RemoteForwardResult.Unclaimed)]) in
            var takeBacks: [(Int, Int, RemoteForwardResult.Unclaimed)] = []
            var answers: [(Int, RemoteForwardResult.Unclaimed)] = []
            for (local, entry) in state.waiting where !entry.claimerGone {
                guard let claimer = entry.claimer, entry.claimedBy != nil, !registered.contains(claimer) else { continue }
                state.waiting[local]?.claimerGone = true
                state.claimersGone.insert(local)
            }
            for (local, entry) in state.waiting
            where entry.claimedBy == nil && !entry.takingBack && entry.takeBackOnInsert == nil && entry.offeredAt < readStart
                && !entry.candidates.contains(where: claiming.contains) {
                let why = RemoteForwardResult.Unclaimed.forwarderQuit(who: entry.candidates.compactMap { names[$0] }.sorted())
                if let offerID = entry.offerID {
                    state.waiting[local]?.takingBack = true
                    takeBacks.append((local, offerID, why))
                } else if entry.inserting {
                    state.waiting[local]?.takeBackOnInsert = why
                } else {
                    // Not sent yet: nobody can have claimed it.
                    answers.append((local, why))
                }
            }
            return (takeBacks, answers)
        }
        for (local, why) in answers { resolve(local, .unclaimed(why)) }
        if state.withLock({ !$0.claimersGone.isEmpty }) { answerWakeup.signal() }
        // Not awaited: the offer loop that read the list goes on inserting offers.
        for (local, offerID, why) in takeBacks { Task { await self.takeBack(local, offerID: offerID, why: why) } }
    }

    /// Deletes the offer if it is still unclaimed (the plan answers, `unclaimed` for `why`),
    /// else learns who claimed it and goes on waiting for the answer. When the store does
    /// not say in time, the plan answers all the same and the record says the take-back was
    /// unconfirmed.
    func takeBack(_ id: Int, offerID: Int, why: RemoteForwardResult.Unclaimed) async {
        guard let connection = offerLink.connection else {
            // No connection to take it back on: a claim may commit meanwhile.
            unconfirmed(id, offerID: offerID)
            return
        }
        do {
            // Decided by `taken` alone: when a claim commits while this statement waits on
            // the row's lock, the DELETE sees the claimed row (nothing taken) but the
            // sub-SELECT reads the statement's older snapshot, where `claimed_by` is still
            // NULL. So a NULL there means "claimed, ask again", never "unclaimed".
            typealias Outcome = (taken: Bool, by: String?, claimer: UUID?, exists: Bool)
            let outcome = try await StoreDeadline.run(seconds: takeBackSeconds) { _ -> Outcome in
                let rows = try await connection.query("""
                    WITH taken AS (DELETE FROM hookscope_forward_offers WHERE id = \(offerID) AND state = 'offered' RETURNING id)
                    SELECT (SELECT count(*) FROM taken)::bigint, (SELECT claimed_by FROM hookscope_forward_offers WHERE id = \(offerID)),
                        (SELECT claimer FROM hookscope_forward_offers WHERE id = \(offerID))
                    """, logger: self.connector.logger)
                for try await (taken, by, claimer) in rows.decode((Int, String?, UUID?).self) where taken > 0 || by != nil {
                    return (taken > 0, by, claimer, true)
                }
                // Nothing taken and no claimer in that snapshot: read the row anew.
                let again = try await connection.query(
                    "SELECT claimed_by, claimer FROM hookscope_forward_offers WHERE id = \(offerID)", logger: self.connector.logger)
                for try await (by, claimer) in again.decode((String?, UUID?).self) { return (false, by, claimer, true) }
                return (false, nil, nil, false)
            }
            if outcome.taken {
                resolve(id, .unclaimed(why), deleteRow: false)
            } else if outcome.exists {
                // A claimer that has quit by now is found by the next read of the forwarders.
                markClaimed(id, by: outcome.by ?? "a forwarder", claimer: outcome.claimer)
            } else {
                // The row is gone. Most likely the answer loop has just deleted it as
                // answered: that DELETE's rows reach it before its commit, which this
                // statement waited for, and it may not have resolved the entry yet. So the
                // answer loop decides, after its round's rows (`rowsGone`); if no answer
                // came (the sweep took it), the plan answers then (review 18 L1).
                state.withLock { $0.rowsGone[id] = why }
                answerWakeup.signal()
            }
        } catch {
            // The database did not say in time (or failed the statement): the sender does
            // not wait for it, but the DELETE may still be waiting on a claim's lock that
            // commits after all.
            unconfirmed(id, offerID: offerID)
        }
    }

    /// The plan answers, recorded as a take-back unconfirmed; the row is watched until it
    /// can be deleted (`settleDoubts`), not deleted blindly: that DELETE would wait on the
    /// same lock, and what it finds is the answer to "was it claimed?".
    private func unconfirmed(_ id: Int, offerID: Int) {
        let entry = state.withLock { state -> Waiting? in
            guard let entry = state.waiting.removeValue(forKey: id) else { return nil }
            state.inDoubt[offerID] = id
            return entry
        }
        entry?.reply(.unclaimed(.takeBackUnconfirmed))
        answerWakeup.signal()
    }

    /// On the answer loop's connection: deletes the rows of take-backs the store did not
    /// confirm, skipping those still locked (a claim or the late take-back itself, not
    /// committed yet: looked at again next round, so no other answer waits behind them).
    /// A row found claimed or answered was claimed although its sender got the plan's
    /// answer: that is said in the log. A row already gone was taken back after all.
    ///
    /// Only `answered` proves that the app was called: a forwarder forwards a claim only
    /// once it reads it back committed (RemoteForwardClaimer+Confirm.swift), and this
    /// DELETE can come between its commit and that read, so for a row found `claimed` the
    /// app may never have been called (review 18 M1). The log tells the two apart.
    func settleDoubts(on connection: PostgresConnection) async throws {
        let doubts = state.withLock { $0.inDoubt }
        guard !doubts.isEmpty else { return }
        // `present` reads the statement's snapshot: a locked row is there and not deleted.
        // FOR UPDATE needs UPDATE on the table, which the offers' upsert needs already.
        let rows = try await connection.query("""
            WITH present AS (SELECT id FROM hookscope_forward_offers WHERE id = ANY(\(Array(doubts.keys)))),
            free AS (SELECT id FROM hookscope_forward_offers WHERE id = ANY(\(Array(doubts.keys))) FOR UPDATE SKIP LOCKED),
            gone AS (DELETE FROM hookscope_forward_offers WHERE id IN (SELECT id FROM free) RETURNING id, state, claimed_by)
            SELECT present.id, gone.state, gone.claimed_by FROM present LEFT JOIN gone ON gone.id = present.id
            """, logger: connector.logger)
        var locked = Set<Int>()
        var claimed: [(local: Int, by: String, answered: Bool)] = []
        for try await (offerID, rowState, by) in rows.decode((Int, String?, String?).self) {
            guard let rowState else {
                locked.insert(offerID)
                continue
            }
            if rowState != "offered", let local = doubts[offerID] {
                claimed.append((local, by ?? "a forwarder", rowState == "answered"))
            }
        }
        state.withLock { state in
            for offerID in doubts.keys where !locked.contains(offerID) { state.inDoubt[offerID] = nil }
        }
        for (local, by, answered) in claimed.sorted(by: { $0.local < $1.local }) {
            let outcome = answered
                ? "its app was called, and its answer reached no sender"
                : "it may have called its app (only if it had read its claim back before the row was deleted), and no answer reaches a sender"
            // The name comes from the store, written by whoever attached: escaped.
            notice("remote forward: #\(local) was answered by the plan (unclaimed, take-back unconfirmed) but "
                + "\(TerminalSafeText.string(by)) had claimed it: \(outcome)")
        }
    }
}

import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO

/// The relay's offer loop on its own connection: inserts offers as they come (all waiting
/// at once in one statement), reads the forwarders attached every second and when one
/// registers or quits (their NOTIFY on `hookscope_forwarders`), sweeps what dead processes
/// left (a sweep the store refuses waits for the next one: StoreHousekeeping).
extension RemoteForwardRelay {
    func offerLoop() async {
        await offerLink.keep(while: { !self.isStopping }, lost: {
            // Nothing is offered while the database is away: the plan answers at once.
            self.state.withLock { $0.forwarders = []; $0.forwarderNames = [] }
        }) { connection in
            try await self.offerWakeup.listening(to: "hookscope_forwarders", on: connection, heard: {
                self.state.withLock { $0.forwardersChanged = true }
            }) {
                try await self.offerRounds(on: connection)
            }
        }
    }

    private func offerRounds(on connection: PostgresConnection) async throws {
        var lastRefresh = ContinuousClock.now - .seconds(60)
        var lastSweep = ContinuousClock.now - .seconds(3600)
        while !Task.isCancelled, !isStopping {
            try await StoreDeadline.run(seconds: 5) { _ in try await self.insertOffers(on: connection) }
            // The sweep before the read: the list read then has no forwarder it just swept,
            // and a round that has read the forwarders has swept (a test that locks the
            // offers' table once the relay knows its forwarder relies on that: the first
            // sweep's DELETE came after the read and waited on its lock, and the offer
            // queued behind it).
            if ContinuousClock.now - lastSweep >= .seconds(60) {
                lastSweep = .now
                try await sweep(on: connection)
            }
            let changed = state.withLock { state in defer { state.forwardersChanged = false }; return state.forwardersChanged }
            if changed || ContinuousClock.now - lastRefresh >= .seconds(1) {
                lastRefresh = .now
                try await refreshForwarders(on: connection)
            }
            // Only after the whole round: insertOffers runs no statement when nothing
            // waits, and a round that fails must not reset the backoff before it does
            // (review H1).
            offerLink.progressed()
            if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
            await offerWakeup.wait(timeout: .seconds(1))
        }
    }

    func insertOffers(on connection: PostgresConnection) async throws {
        let offers = state.withLock { state -> [Waiting] in
            defer { state.toInsert = [] }
            return state.toInsert.compactMap { id -> Waiting? in
                guard state.waiting[id] != nil else { return nil }
                state.waiting[id]?.inserting = true
                return state.waiting[id]
            }
        }
        guard !offers.isEmpty else { return }
        let heardBefore = state.withLock { $0.answersHeard }
        let now = ContinuousClock.now
        let statement = InsertOffers(run: run, offers: offers.map { offer in
            var head = offer.exchange
            head.body = []
            let left = claimTimeout - (now - offer.offeredAt)
            return InsertOffers.Offer(
                localID: offer.exchange.id, exchangeJSON: ExchangeJSONLines.encode(head), body: offer.exchange.body,
                candidates: offer.candidates,
                secondsLeft: max(0, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18))
        })
        var inserted: [(offerID: Int, local: Int)] = []
        do {
            for try await (offerID, local) in try await connection.execute(statement, logger: connector.logger) {
                inserted.append((offerID, local))
            }
        } catch {
            insertFailed(offers.map(\.exchange.id), refused: StoreConnector.isRefusal(error))
            throw error
        }
        // Each id is known and its deadline looked at under one lock with the deadline's
        // own check (claimTimeIsUp), so a deadline is never missed between the two.
        let (takeBacks, wakeAnswers) = state.withLock { state -> ([(local: Int, offerID: Int, why: RemoteForwardResult.Unclaimed)], Bool) in
            var takeBacks: [(local: Int, offerID: Int, why: RemoteForwardResult.Unclaimed)] = []
            var deletes = false
            for (offerID, local) in inserted {
                guard let entry = state.waiting[local] else {
                    state.toDelete.append(offerID)   // answered by the clock meanwhile
                    deletes = true
                    continue
                }
                state.waiting[local]?.offerID = offerID
                state.waiting[local]?.inserting = false
                if let why = entry.takeBackOnInsert, entry.claimedBy == nil, !entry.takingBack {
                    state.waiting[local]?.takingBack = true
                    takeBacks.append((local, offerID, why))
                }
            }
            // Checked after the ids are in `waiting`, under the same lock: an answer whose
            // NOTIFY comes later is read by the round that NOTIFY starts.
            let wake = deletes || state.answersIdle || state.answersHeard != heardBefore
            return (takeBacks, wake)
        }
        // An answer written before the ids were known (its NOTIFY heard while the insert was
        // in flight, so its round did not watch these rows) is read now, not at the next
        // poll; so are rows to delete, and an answer loop in its idle second looks at its
        // busy pace. Not otherwise: at c=16 waking it after every insert was one more
        // statement per insert that found nothing (docs/benchmarks.md, the tunnel's CPU).
        // Not caught here (read by the 100 ms poll instead, latency only): an offer sent
        // again after a lost connection whose first INSERT had committed, and was answered
        // before `heardBefore` was read. With several listeners on one store the answers'
        // channel is shared, so `answersHeard` moves with theirs and this saves less.
        if wakeAnswers { answerWakeup.signal() }
        for takeBack in takeBacks {
            await self.takeBack(takeBack.local, offerID: takeBack.offerID, why: takeBack.why)
        }
    }

    /// The insert did not return. Refused by the server: nothing was inserted, so an
    /// offer past its claim deadline is unclaimed, the others go in on the next try.
    /// Connection lost: whether it committed is unknown, so every offer is sent again (a
    /// row that is there already answers with its id: one row per delivery) and stays
    /// `inserting` meanwhile: its claim deadline waits for the id to take it back, as for
    /// an insert in flight (the backstop at both timeouts still holds).
    func insertFailed(_ ids: [Int], refused: Bool) {
        let unclaimed = state.withLock { state -> [(Int, RemoteForwardResult.Unclaimed)] in
            var unclaimed: [(Int, RemoteForwardResult.Unclaimed)] = []
            for id in ids where state.waiting[id] != nil {
                if refused { state.waiting[id]?.inserting = false }
                if let why = state.waiting[id]?.takeBackOnInsert, refused {
                    unclaimed.append((id, why))
                } else {
                    state.toInsert.append(id)
                }
            }
            return unclaimed
        }
        for (id, why) in unclaimed { resolve(id, .unclaimed(why)) }
    }

    /// Every live forwarder's id and routes (its `--forward` values); then the offers
    /// whose forwarders have all quit (their rows are gone, live or not) or are quitting
    /// (their routes withdrawn, RemoteForwardClaimer+Drain.swift) are taken back.
    func refreshForwarders(on connection: PostgresConnection) async throws {
        let readStart = ContinuousClock.now
        let (live, registered, claiming, who) = try await StoreDeadline.run(seconds: 5) { _ in
            let rows = try await connection.query("""
                SELECT id, who, routes::text, last_seen > now() - make_interval(secs => \(Double(Self.forwarderLifetimeSeconds)))
                FROM hookscope_forwarders
                """, logger: self.connector.logger)
            var live: [(id: UUID, who: String, routes: ForwardRoutes)] = []
            var registered = Set<UUID>()
            var claiming = Set<UUID>()
            var whoByID: [UUID: String] = [:]
            for try await (id, who, text, fresh) in rows.decode((UUID, String, String, Bool).self) {
                registered.insert(id)
                whoByID[id] = who
                if text != RemoteForwardRoutes.withdrawn { claiming.insert(id) }
                guard fresh, let routes = RemoteForwardRoutes.decode(text) else { continue }
                live.append((id, who, routes))
            }
            return (live, registered, claiming, whoByID)
        }
        // Who the ones that quit were, as last read (their rows are gone now); live or not
        // then: one whose heartbeat was late (a loaded laptop) went unnamed in the reason before.
        let names = state.withLock { state -> [UUID: String] in
            defer { state.forwarders = live; state.forwarderNames = live.map(\.who).sorted(); state.registeredNames = who }
            return state.registeredNames
        }
        takeBackDeserted(registered: registered, claiming: claiming, before: readStart, names: names)
    }

    /// Rows and forwarders left by processes that died long ago. Each on its own: a role
    /// may be kept from deleting one and not the other; a refusal keeps the connection.
    func sweep(on connection: PostgresConnection) async throws {
        let logger = connector.logger
        try await housekeeping.clean("offers older than an hour", on: connection) {
            try await StoreDeadline.run(seconds: 10) { _ in
                _ = try await connection.query("DELETE FROM hookscope_forward_offers WHERE offered_at < now() - interval '1 hour'", logger: logger)
            }
        }
        try await housekeeping.clean("forwarders gone for an hour", on: connection) {
            try await StoreDeadline.run(seconds: 10) { _ in
                _ = try await connection.query("DELETE FROM hookscope_forwarders WHERE last_seen < now() - interval '1 hour'", logger: logger)
            }
        }
    }
}

import Foundation
import HookscopeCore
import PostgresNIO
import Synchronization

extension HeldRequestsFollower {
    /// Decides held requests (by the store's exchange ids) for every attached UI, on one
    /// connection and in one UPDATE however many there are (review L1: `A` on 40 held
    /// requests opened 40 connections). The first decision wins in the store; a winning
    /// one is reported `decided` only once the listener confirmed it carried it out, which
    /// it does within milliseconds (a NOTIFY wakes this), else what the listener did, or
    /// that it has not said yet after `confirmWithin` (review M3). In the order given.
    /// By the ids in the statement itself, not by this UI's list, which may be a moment old.
    public func decide(exchangeIDs: [Int], _ decision: HeldDecision, by who: String,
                       confirmWithin: Duration = .seconds(2)) async throws -> [(id: Int, outcome: HeldDecisionOutcome)] {
        guard !exchangeIDs.isEmpty else { return [] }
        // The server gives up on the UPDATE before this client stops waiting for it (5 s),
        // so a claim that failed decided nothing (session 16 review L1: a backend waiting
        // for the row lock went on after the client left, and committed a decision the UI
        // had called undecided).
        let connection = try await connector.connect(settings: Self.decidingLimits)
        defer { StoreConnector.abandon(connection) }
        let claimSent = Mutex<ContinuousClock.Instant?>(nil)
        let wakeup = StoreWakeup()
        let outcomes = Mutex<[Int: HeldDecisionOutcome]>([:])
        let claimed = Mutex<Set<Int>?>(nil)
        do {
            try await wakeup.listening(to: "hookscope_held", on: connection) {
                claimSent.withLock { $0 = ContinuousClock.now }
                let won = try await StoreDeadline.run(seconds: 5) { _ in try await self.claim(exchangeIDs, decision, by: who, on: connection) }
                claimed.withLock { $0 = won }
                let lost = exchangeIDs.filter { !won.contains($0) }
                if !lost.isEmpty {
                    let theirs = try await StoreDeadline.run(seconds: 5) { _ in try await self.whyNot(lost, on: connection) }
                    outcomes.withLock { for id in lost { $0[id] = theirs[id] ?? .gone } }
                }
                latest.withLock { $0.removeAll { won.contains($0.exchangeID) } }
                try await self.awaitConfirmation(of: won, decision, within: confirmWithin, wakeup: wakeup, on: connection) { id, outcome in
                    outcomes.withLock { $0[id] = outcome }
                }
            }
        } catch {
            // After the UPDATE answered, what won is in the store, whatever failed since:
            // not "undecided". Before it: the server refused it (its own timeouts too), so
            // nothing was decided, and the caller says why; or the answer was lost on the
            // way, and the store is asked again.
            guard let won = claimed.withLock({ $0 }) else {
                guard let sent = claimSent.withLock({ $0 }), !StoreConnector.isRefusal(error) else { throw error }
                return try await lookAgain(exchangeIDs, decision, by: who, sent: sent, after: error)
            }
            outcomes.withLock { for id in won where $0[id] == nil { $0[id] = .unconfirmed(decision) } }
        }
        let decided = outcomes.withLock { $0 }
        return exchangeIDs.map { ($0, decided[$0] ?? .gone) }
    }

    /// The decider's session: the UPDATE and the reads give up on the server's side before
    /// StoreDeadline's 5 s on this side.
    static let statementTimeout = Duration.seconds(4)
    static let decidingLimits = [("lock_timeout", "3s"), ("statement_timeout", "\(statementTimeout.components.seconds)s")]

    /// The claim's answer never came (the connection dropped, or the client's deadline
    /// passed): on a fresh connection, what the store has now. The claim is one statement:
    /// a row decided as ours means it committed (ours are `unconfirmed`, the rest lost as
    /// `whyNot` says). Without one, rows someone else decided or that are gone are said so;
    /// an undecided row is undecided only once the server's statement_timeout has ended
    /// our UPDATE (it may be waiting for a row lock), and in doubt before.
    private func lookAgain(_ ids: [Int], _ decision: HeldDecision, by who: String, sent: ContinuousClock.Instant,
                           after error: any Error) async throws -> [(id: Int, outcome: HeldDecisionOutcome)] {
        let outcomes: [Int: HeldDecisionOutcome]
        do {
            let connection = try await connector.connect(settings: Self.decidingLimits)
            defer { StoreConnector.abandon(connection) }
            outcomes = try await StoreDeadline.run(seconds: 5) { _ in try await self.whyNot(ids, on: connection) }
        } catch {
            throw InDoubt(reason: StoreConnector.reason(error))
        }
        let mine = HeldDecisionOutcome.alreadyDecided(by: who, decision: decision.text)
        if ids.contains(where: { outcomes[$0] == mine }) {
            return ids.map { id in (id, outcomes[id] == mine ? HeldDecisionOutcome.unconfirmed(decision) : outcomes[id] ?? HeldDecisionOutcome.gone) }
        }
        // whyNot calls a row still held and undecided too late: true only if the claim ended.
        guard ids.contains(where: { outcomes[$0] == .tooLate }) else { return ids.map { ($0, outcomes[$0] ?? HeldDecisionOutcome.gone) } }
        // A second for the way there and back.
        if ContinuousClock.now - sent > Self.statementTimeout + .seconds(1) { throw error }
        throw InDoubt(reason: StoreConnector.reason(error))
    }

    /// The claim's outcome is unknown: the UI says so rather than "undecided".
    public struct InDoubt: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Reads the won rows back until the listener wrote what it did with each, or
    /// `within` has passed (then `unconfirmed`).
    private func awaitConfirmation(of won: Set<Int>, _ decision: HeldDecision, within: Duration, wakeup: StoreWakeup,
                                   on connection: PostgresConnection, report: (Int, HeldDecisionOutcome) -> Void) async throws {
        let until = ContinuousClock.now + within
        var waiting = won
        while !waiting.isEmpty {
            let final = ContinuousClock.now >= until
            let asked = waiting
            let rows = try await StoreDeadline.run(seconds: 5) { _ in try await self.readBack(asked, on: connection) }
            for id in asked {
                guard let outcome = HeldDecisionOutcome.confirmation(of: decision, row: rows[id], final: final) else { continue }
                report(id, outcome)
                waiting.remove(id)
            }
            if final { return }
            // The listener NOTIFYs `hookscope_held` when it confirms; a look every 100 ms
            // covers a lost notification.
            await wakeup.wait(timeout: max(.zero, min(.milliseconds(100), until - ContinuousClock.now)))
        }
    }

    /// The one UPDATE: only rows still undecided and not within the margin of their
    /// deadline on the database's clock (the listener's look and the clocks' difference
    /// would make such a decision lose to the deadline). The ids that won.
    private func claim(_ ids: [Int], _ decision: HeldDecision, by who: String, on connection: PostgresConnection) async throws -> Set<Int> {
        let margin = Double(HeldDecisionOutcome.marginMilliseconds) / 1000
        let rows = try await connection.query("""
            UPDATE hookscope_held h SET decision = \(decision.text), decided_by = \(who), decided_at = now()
            FROM hookscope_exchanges e
            WHERE e.id = ANY(\(ids)) AND h.run = e.run AND h.local_id = e.local_id
                AND h.decision IS NULL AND h.deadline > now() + make_interval(secs => \(margin))
            RETURNING e.id
            """, logger: connector.logger)
        var won: Set<Int> = []
        for try await id in rows.decode(Int.self) { won.insert(id) }
        if !won.isEmpty {
            // Committed already; a lost wake-up costs the listener's next look (100 ms).
            _ = try? await connection.query("NOTIFY hookscope_held_decided", logger: connector.logger)
            _ = try? await connection.query("NOTIFY hookscope_held", logger: connector.logger)
        }
        return won
    }

    /// For the ids that did not win: whose decision was first (ours waited for its row
    /// lock, then found one), or that the deadline came, or that the store has no such row.
    private func whyNot(_ ids: [Int], on connection: PostgresConnection) async throws -> [Int: HeldDecisionOutcome] {
        let rows = try await connection.query("""
            SELECT e.id, h.decision, h.decided_by, h.id IS NOT NULL FROM hookscope_exchanges e
                LEFT JOIN hookscope_held h ON h.run = e.run AND h.local_id = e.local_id WHERE e.id = ANY(\(ids))
            """, logger: connector.logger)
        var outcomes: [Int: HeldDecisionOutcome] = [:]
        for try await (id, text, by, held) in rows.decode((Int, String?, String?, Bool).self) {
            if let text { outcomes[id] = .alreadyDecided(by: by ?? "someone", decision: text) } else { outcomes[id] = held ? .tooLate : .gone }
        }
        return outcomes
    }

    /// What the listener wrote back for the decided rows, with the answer in the
    /// exchange's own row once it is complete (what the sender got when the listener
    /// answered itself).
    private func readBack(_ ids: Set<Int>, on connection: PostgresConnection) async throws -> [Int: HeldRowReading] {
        let rows = try await connection.query("""
            SELECT e.id, h.applied, e.completed, e.status, e.exchange->'response'->>'source'
            FROM hookscope_exchanges e JOIN hookscope_held h ON h.run = e.run AND h.local_id = e.local_id
            WHERE e.id = ANY(\(Array(ids)))
            """, logger: connector.logger)
        var readings: [Int: HeldRowReading] = [:]
        for try await (id, applied, completed, status, source) in rows.decode((Int, String?, Bool, Int?, String?).self) {
            let answer = completed ? HeldListenerAnswer(status: status, source: source.flatMap(ExchangeResponse.Source.init(rawValue:)) ?? .default) : nil
            readings[id] = HeldRowReading(applied: applied, answer: answer)
        }
        return readings
    }
}

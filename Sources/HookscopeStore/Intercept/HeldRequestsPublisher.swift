import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO
import Synchronization

/// A listener's side of remote intercept: publishes the requests it holds to the store
/// (`hookscope_held`), carries out the decisions attached UIs make there (a NOTIFY on
/// `hookscope_held_decided` wakes it; it also looks every 100 ms while it holds any, so a
/// lost notification loses nothing), and writes back what the sender got: the decision it
/// carried out (`applied`), or its own answer, also over a decision that came in the same
/// instant (review M3: the store's word alone is not what the sender got). The deadlines
/// are the intercept controller's own timers: with the database gone, a held request is
/// still answered by the plan at its deadline, and nothing here can make it wait longer.
public final class HeldRequestsPublisher: Sendable {
    public let connector: StoreConnector
    let run: UUID
    let listenerName: String
    /// The requests held now (the intercept controller's list).
    let holding: @Sendable () -> [HeldRequestsSync.Held]
    /// Hands a decision (and who made it) to the intercept controller; false when the
    /// request was no longer waiting (the listener had answered it itself).
    let carryOut: @Sendable (Int, HeldDecision, String) -> Bool
    private let wakeup = StoreWakeup()
    private let link: StoreLink
    private let sync = Mutex(HeldRequestsSync())
    /// The sweep's: a refusal is said once and keeps the connection.
    private let housekeeping: StoreHousekeeping

    /// - Parameter notice: a line for the log (a sweep the store refused, once).
    public init(connector: StoreConnector, run: UUID, listenerName: String,
                holding: @escaping @Sendable () -> [HeldRequestsSync.Held],
                carryOut: @escaping @Sendable (Int, HeldDecision, String) -> Bool,
                notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.connector = connector
        housekeeping = StoreHousekeeping(notice: { notice("intercept: " + $0) })
        link = StoreLink(connector: connector, settings: StoreLink.oneDeliveryRows)
        self.run = run
        self.listenerName = listenerName
        self.holding = holding
        self.carryOut = carryOut
    }

    /// Until cancelled: connects, and reconnects with backoff (StoreLink) when the database
    /// goes away.
    public func follow() async {
        await link.keep(while: { true }) { connection in
            try await self.wakeup.listening(to: "hookscope_held_decided", on: connection) {
                var lastSweep = ContinuousClock.now - .seconds(3600)
                while !Task.isCancelled {
                    let carriedOut = try await StoreDeadline.run(seconds: 5) { _ in try await self.round(holding: self.holding(), on: connection) }
                    if ContinuousClock.now - lastSweep >= .seconds(60) {
                        lastSweep = .now
                        try await self.sweep(on: connection)
                    }
                    // Only after the whole round (review M5, H1): a round runs no statement
                    // while nothing is held, so a reset before the sweep would come before a
                    // sweep that fails.
                    self.link.progressed()
                    if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                    // The list of held requests is in memory: looking at it costs nothing,
                    // and a request held a moment ago reaches the attached UIs within 100 ms.
                    // A decision just carried out is confirmed at once: its decider waits.
                    if !carriedOut { await self.wakeup.wait(timeout: .milliseconds(100)) }
                }
            }
        }
        if let connection = link.take() { StoreConnector.abandon(connection) }
    }

    /// Stopping (the controller has answered everything it held): marks the published rows
    /// answered, so attached UIs stop showing them; gives up after a few seconds.
    public func finish() async {
        guard let connection = try? await connector.connect(timeout: .seconds(2)) else { return }
        defer { StoreConnector.abandon(connection) }
        _ = try? await StoreDeadline.run(seconds: 3) { _ in try await self.round(holding: [], on: connection) }
    }

    /// Publishes what is newly held, writes what the listener carried out or answered
    /// itself, then reads the decisions for the rest and carries them out; true when it
    /// carried any out (their confirmation is for the next round, at once). Nothing when
    /// nothing is held or published. `now`: the listener's wall clock, the one its
    /// deadlines are on.
    @discardableResult
    func round(holding: [HeldRequestsSync.Held], on connection: PostgresConnection, now: Timestamp = .now()) async throws -> Bool {
        let round = sync.withLock { $0.round(holding: holding) }
        guard !round.isEmpty else { return false }
        let logger = connector.logger
        var changed = false
        if !round.publish.isEmpty {
            let ids = round.publish.map(\.localID)
            // On the database's clock, as the tunnel's claim_until: what is left by this
            // listener's clock, from the database's now. Every reader compares the deadline
            // with the database's now() (the margin, "waiting", the sweep), so a listener
            // whose clock is off made its rows look due early or late (session 16 review L12).
            let left = round.publish.map { max(0, Double($0.deadline.nanosecondsSinceEpoch - now.nanosecondsSinceEpoch) / 1e9) }
            try await connection.query("""
                INSERT INTO hookscope_held (run, listener, local_id, deadline)
                SELECT \(run), \(listenerName), l, clock_timestamp() + make_interval(secs => d)
                FROM unnest(\(ids)::bigint[], \(left)::float8[]) AS t(l, d)
                ON CONFLICT (run, local_id) DO NOTHING
                """, logger: logger)
            sync.withLock { $0.didPublish(ids) }
            changed = true
        }
        if !round.settle.isEmpty {
            try await settle(round.settle, on: connection)
            changed = true
        }
        if !round.confirm.isEmpty {
            try await connection.query("""
                UPDATE hookscope_held h SET applied = t.a, applied_at = now()
                FROM unnest(\(round.confirm.map(\.localID))::bigint[], \(round.confirm.map(\.text))::text[]) AS t(l, a)
                WHERE h.run = \(run) AND h.local_id = t.l AND h.applied_at IS NULL
                """, logger: logger)
            sync.withLock { $0.didConfirm(round.confirm.map(\.localID)) }
            changed = true
        }
        if changed { try await connection.query("NOTIFY hookscope_held", logger: logger) }
        guard !round.watch.isEmpty else { return false }
        let rows = try await connection.query("""
            SELECT local_id, decision, decided_by FROM hookscope_held
            WHERE run = \(run) AND local_id = ANY(\(round.watch)) AND decision IS NOT NULL
            """, logger: logger)
        var decided: [(Int, HeldDecision, String)] = []
        for try await (localID, text, by) in rows.decode((Int, String, String?).self) {
            if let decision = sync.withLock({ $0.decided(localID: localID, text: text) }) { decided.append((localID, decision, by ?? "someone")) }
        }
        for (localID, decision, by) in decided {
            let applied = carryOut(localID, decision, by)
            sync.withLock { $0.carriedOut(localID: localID, decision, applied: applied) }
        }
        return !decided.isEmpty
    }

    /// Marks rows the listener answered itself. Not only undecided ones: a decision that
    /// committed in the instant the listener answered was never carried out, so the row
    /// says what the sender got, and keeps the decision that came too late (`overridden`).
    /// A row whose decision the listener confirmed is never touched.
    func settle(_ localIDs: [Int], on connection: PostgresConnection) async throws {
        let own = HeldDecision.byListenerText
        try await connection.query("""
            UPDATE hookscope_held SET
                overridden = CASE WHEN decision IS NOT NULL AND decision <> \(own) THEN decision ELSE overridden END,
                overridden_by = CASE WHEN decision IS NOT NULL AND decision <> \(own) THEN decided_by ELSE overridden_by END,
                decision = \(own), decided_by = \(listenerName), decided_at = now(), applied = \(own), applied_at = now()
            WHERE run = \(run) AND local_id = ANY(\(localIDs)) AND applied_at IS NULL
            """, logger: connector.logger)
        sync.withLock { $0.didSettle(localIDs) }
    }

    /// Rows a minute past their deadline, from any listener (one that died leaves its own).
    /// A refusal keeps the connection (StoreHousekeeping).
    func sweep(on connection: PostgresConnection) async throws {
        let logger = connector.logger
        try await housekeeping.clean("held requests a minute past their deadline", on: connection) {
            try await StoreDeadline.run(seconds: 10) { _ in
                _ = try await connection.query("DELETE FROM hookscope_held WHERE deadline < now() - interval '1 minute'", logger: logger)
            }
        }
    }
}

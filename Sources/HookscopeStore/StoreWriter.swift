import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO
import Synchronization

/// The listener's end of the shared store (`listen --store`): every exchange is written
/// when captured and again when completed, in batches, by a task of its own, so the
/// sender's answer never waits for the database.
///
/// While the database is away the writes wait in a `StoreWriteQueue` (bounded; the oldest
/// are dropped and counted when it is full) and the connection is retried with backoff;
/// when it is back, the queue is written in order.
///
/// Ids: each batch runs in one transaction that first updates the single row of
/// `hookscope_counter` to take its ids and change numbers. That row lock is held until the
/// commit, so the next batch (from any listener) gets its numbers only after this one is
/// committed: ids and changes become visible in increasing order, and a reader that asks
/// for `change > last` can never pass over a row that commits later (the trap of sequences,
/// whose numbers are handed out at insert while transactions commit in any order). The
/// price is that batches commit one at a time across listeners; one batch carries every
/// write that waited meanwhile, so the rate is batches, not rows (docs/benchmarks.md).
public final class StoreWriter: Sendable {
    public let connector: StoreConnector
    public let listenerName: String
    public let run = UUID()
    let retention: StoreRetention?
    let sessionLimits: SessionLimits
    private let queue: Mutex<StoreWriteQueue>
    private let wakeup = StoreWakeup()
    private let state = Mutex(LoopState())
    /// Retention's: a refusal is said once and waits for the next round.
    private let cleanup: StoreHousekeeping

    private struct LoopState {
        var connected = true
        var reason: String?
        var refused = false
        var stopping = false
        var task: Task<Void, Never>?
        /// From `connect` until `begin` hands it to the loop.
        var connection: PostgresConnection?
    }

    static let batchCount = 256
    static let batchBytes = 4 * 1024 * 1024

    /// - Parameter notice: a line for the log (retention the store refused, once).
    public init(connector: StoreConnector, listenerName: String, queueBytes: Int, retention: StoreRetention?,
                sessionLimits: SessionLimits = SessionLimits(), notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.connector = connector
        cleanup = StoreHousekeeping(notice: { notice("store: " + $0) })
        self.listenerName = listenerName
        self.retention = retention
        self.sessionLimits = sessionLimits
        self.queue = Mutex(StoreWriteQueue(maxBytes: queueBytes))
    }

    /// Connects and brings the schema up to date; throws a `StoreConnector.Failure` that
    /// names the host and the reason. Nothing is written until `begin`.
    public func connect() async throws {
        // The limits come after the migration: a migration's transaction may wait longer
        // than a batch's (and a starved test process made the server end ten of them).
        let connection = try await connector.connect()
        do {
            try await StoreMigrator.ensure(connection, connector: connector, deadlineSeconds: sessionLimits.deadlineSeconds)
            for (name, value) in sessionLimits.settings {
                try await connection.query(PostgresQuery(unsafeSQL: "SET \(name) = '\(value)'"), logger: connector.logger)
            }
        } catch {
            // Not awaited: after a deadline the connection may never answer again.
            StoreConnector.abandon(connection)
            throw StoreConnector.Failure(description: "store at \(connector.url.endpoint): \(StoreConnector.reason(error))")
        }
        state.withLock { $0.connection = connection }
    }

    /// Starts writing in the background, registering the listener under its URL; writes
    /// enqueued before wait for it.
    public func begin(listenerURL: String) {
        let connection = state.withLock { state -> PostgresConnection? in
            defer { state.connection = nil }
            return state.connection
        }
        let task = Task { await self.writeLoop(connection, listenerURL: listenerURL) }
        state.withLock { $0.task = task }
    }

    /// Called on the event loop: a lock and an append, nothing more.
    public func enqueue(_ kind: StoreWriteQueue.Write.Kind, _ exchange: Exchange) {
        queue.withLock { $0.append(.init(kind, exchange)) }
        wakeup.signal()
    }

    public var status: Status {
        let (waiting, lost, written) = queue.withLock { ($0.count, $0.lost, $0.written) }
        return state.withLock {
            Status(connected: $0.connected, waiting: waiting, lost: lost, written: written,
                   reason: $0.connected && !$0.refused ? nil : $0.reason, refused: $0.connected && $0.refused)
        }
    }

    /// How long `finish` waits while no write gets through (the database away, or
    /// refusing), before it gives up on what still waits.
    public static let finishPatience = Duration.seconds(10)

    /// Writes what waits, however long that takes while writes go through; gives up after
    /// `patience` without one committed batch (the database away or refusing), then stops.
    /// What was not written is in the returned status's `waiting`.
    public func finish(patience: Duration = StoreWriter.finishPatience) async -> Status {
        let (task, unused) = state.withLock { state -> (Task<Void, Never>?, PostgresConnection?) in
            state.stopping = true
            defer { state.connection = nil }
            return (state.task, state.connection)
        }
        // Connected but never begun (a start that failed later on).
        if let unused { StoreConnector.abandon(unused) }
        wakeup.signal()
        let giveUp = Task {
            var written = self.queue.withLock { $0.written }
            var lastProgress = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                let now = self.queue.withLock { $0.written }
                if now != written {
                    (written, lastProgress) = (now, .now)
                } else if ContinuousClock.now - lastProgress >= patience {
                    task?.cancel()
                    return
                }
            }
        }
        await task?.value
        giveUp.cancel()
        return status
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func writeLoop(_ first: PostgresConnection?, listenerURL: String) async {
        var connection: PostgresConnection? = first
        // One for connecting and writing alike, reset only by a committed batch: a
        // connection that opens but whose batches fail must not make the loop spin.
        var backoff = StoreBackoff()
        var lastHousekeeping = ContinuousClock.now - .seconds(3600)
        while !Task.isCancelled {
            guard let current = connection, !current.isClosed else {
                if let connection { StoreConnector.abandon(connection) }
                connection = nil
                do {
                    connection = try await connector.connect(settings: sessionLimits.settings)
                    state.withLock { $0.connected = true; $0.reason = nil; $0.refused = false }
                } catch {
                    state.withLock { $0.connected = false; $0.reason = StoreConnector.reason(error) }
                    if isStopping, queue.withLock({ $0.isEmpty }) { break }
                    try? await Task.sleep(for: backoff.failed())
                }
                continue
            }
            if ContinuousClock.now - lastHousekeeping > .seconds(30) {
                lastHousekeeping = .now
                _ = try? await StoreDeadline.run(seconds: sessionLimits.deadlineSeconds) { _ in
                    await self.housekeeping(current, listenerURL: listenerURL)
                }
            }
            let batch = queue.withLock { $0.takeBatch(maxCount: Self.batchCount, maxBytes: Self.batchBytes) }
            if batch.isEmpty {
                if isStopping { break }
                await wakeup.wait(timeout: .seconds(1))
                continue
            }
            do {
                try await StoreDeadline.run(seconds: sessionLimits.deadlineSeconds) { _ in try await self.write(batch, on: current) }
                queue.withLock { $0.acknowledgeBatch() }
                state.withLock { $0.refused = false }
                backoff.succeeded()
            } catch {
                await writeFailed(error, on: current, connection: &connection, backoff: &backoff)
                continue
            }
            // The rows are durable; now the readers' wake-up (StoreWriter+Batch.swift). Not
            // sent again when it fails: the batch is written, and readers look every second.
            do {
                try await StoreDeadline.run(seconds: sessionLimits.deadlineSeconds) { _ in try await self.notifyReaders(on: current) }
            } catch where current.isClosed || !StoreConnector.isRefusal(error) {
                state.withLock { $0.connected = false; $0.reason = StoreConnector.reason(error) }
                StoreConnector.abandon(current)
                connection = nil
            } catch {}
        }
        if let connection { StoreConnector.abandon(connection) }
    }

    /// A batch did not go through: it waits again, first in line, and the loop backs off.
    private func writeFailed(_ error: any Error, on current: PostgresConnection, connection: inout PostgresConnection?,
                             backoff: inout StoreBackoff) async {
        // Written again: a batch whose commit was in doubt finds its rows by (run, local_id)
        // and updates them, never twice.
        queue.withLock { $0.returnBatch() }
        let reason = StoreConnector.reason(error)
        if StoreConnector.isRefusal(error), !current.isClosed {
            // The database said no (a permission, a constraint, a lock timeout); the
            // connection is fine, and the same batch at once would fail again.
            state.withLock { $0.refused = true; $0.reason = reason }
        } else {
            state.withLock { $0.connected = false; $0.reason = reason }
            StoreConnector.abandon(current)
            connection = nil
        }
        // Never at once: a batch that fails every time must not spin.
        try? await Task.sleep(for: backoff.failed())
    }

    /// Retention and the listener's heartbeat; a failure here waits for the next round
    /// (a refused retention is said once: StoreHousekeeping; a lost connection is the next
    /// batch's to find).
    private func housekeeping(_ connection: PostgresConnection, listenerURL: String) async {
        let logger = connector.logger
        _ = try? await connection.query("""
            INSERT INTO hookscope_listeners (run, name, url) VALUES (\(run), \(listenerName), \(listenerURL))
            ON CONFLICT (run) DO UPDATE SET last_seen = now()
            """, logger: logger)
        // Rows a writer has locked (its batch is completing them) are left for the next
        // round: retention never waits for a writer, so it takes part in no lock cycle
        // with the counter's lock.
        let statement: PostgresQuery
        switch retention {
        case .age(let seconds):
            statement = """
                DELETE FROM hookscope_exchanges WHERE id IN (SELECT id FROM hookscope_exchanges
                    WHERE received_at < now() - make_interval(secs => \(Double(seconds))) FOR UPDATE SKIP LOCKED)
                """
        case .count(let keep):
            statement = """
                DELETE FROM hookscope_exchanges WHERE id IN (SELECT id FROM hookscope_exchanges
                    WHERE id <= (SELECT max(id) FROM hookscope_exchanges) - \(keep) FOR UPDATE SKIP LOCKED)
                """
        case nil:
            return
        }
        try? await cleanup.clean("exchanges past --store-keep", on: connection) {
            _ = try await connection.query(statement, logger: logger)
        }
    }
}

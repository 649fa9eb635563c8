import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO
import Synchronization

/// The attached client's end of the shared store (`hookscope attach`): history first, then
/// every change as it commits.
///
/// It follows the `change` column, which every write (a new exchange or its completion)
/// sets from the counter that also orders commits (see `StoreWriter`), so `change > last`
/// never passes over a row committed later; each read is delivered in id order, so new ids
/// arrive only increasing (see `readChanges`). A NOTIFY wakes it up at once; it also looks
/// every second, so a lost notification delays a row by at most a second and loses
/// nothing. After a disconnect it reconnects with backoff and goes on from the last change
/// it delivered: nothing missed, nothing twice.
public final class StoreReader: Sendable {
    public enum Start: Sendable, Equatable {
        /// The newest N exchanges.
        case last(Int)
        /// From this id on.
        case id(Int)
        /// Those received in the last N seconds.
        case age(seconds: Int)

        /// `--since`: an id (`1200`) or an age (`2h`, `30m`, `7d`, `90s`).
        public init(since text: String) throws {
            switch try StoreRetention(parsing: text) {
            case .count(let id): self = .id(id)
            case .age(let seconds): self = .age(seconds: seconds)
            }
        }
    }

    public let connector: StoreConnector
    let start: Start
    let deadlineSeconds: Int
    private let wakeup = StoreWakeup()
    private let state = Mutex<(connected: Bool, reason: String?)>((true, nil))
    /// From `open` until `run` takes it.
    private let opened = Mutex<PostgresConnection?>(nil)

    static let pageSize = 500

    /// - Parameter deadlineSeconds: how long a read may go without an answer before the
    ///   connection is taken for dead (`readDeadlineSeconds`; shorter in tests).
    public init(connector: StoreConnector, start: Start, deadlineSeconds: Int = StoreReader.readDeadlineSeconds) {
        self.connector = connector
        self.start = start
        self.deadlineSeconds = deadlineSeconds
    }

    /// `store: reconnecting (REASON)` while the database cannot be reached; nil otherwise.
    public var statusSummary: String? {
        state.withLock { state in
            guard !state.connected else { return nil }
            // One safe line, as the writer's state: the reason may quote the server.
            return "store: reconnecting" + (state.reason.map { " (\(TerminalSafeText.string($0)))" } ?? "")
        }
    }

    /// Connects and checks the schema; throws a failure that names the host and reason.
    public func open() async throws {
        let connection = try await connector.connect()
        do {
            try await StoreMigrator.ensure(connection, connector: connector)
        } catch {
            // Not awaited: after a deadline the connection may never answer again.
            StoreConnector.abandon(connection)
            throw StoreConnector.Failure(description: "store at \(connector.url.endpoint): \(StoreConnector.reason(error))")
        }
        opened.withLock { $0 = connection }
    }

    /// Longer than any read takes while the database answers: a read that does not move
    /// for this long is taken for a dead connection (postgres-nio may never resume a query
    /// on a connection the server dropped) and read again on a new one.
    public static let readDeadlineSeconds = 10

    /// Delivers exchanges (new ones, and completed ones again, in the order they were
    /// written) until cancelled, starting on the connection `open()` made.
    public func run(deliver: @escaping @Sendable ([Exchange]) async -> Void) async {
        var connection: PostgresConnection? = opened.withLock { connection in
            defer { connection = nil }
            return connection
        }
        var lastChange: Int?
        // Reset by an answered read, not by a connection: a read that fails every time
        // (a dropped table, a revoked SELECT) must not reconnect as fast as the server lets it.
        var backoff = StoreBackoff()
        while !Task.isCancelled {
            guard let current = connection, !current.isClosed else {
                if let connection { StoreConnector.abandon(connection) }
                connection = nil
                do {
                    // Connected again once a read has been answered (below).
                    connection = try await connector.connect()
                } catch {
                    state.withLock { $0 = (false, StoreConnector.cause(error)) }
                    try? await Task.sleep(for: backoff.failed())
                }
                continue
            }
            do {
                if lastChange == nil {
                    lastChange = try await StoreDeadline.run(seconds: deadlineSeconds) { progress in
                        try await self.history(on: current, progress: progress, deliver: deliver)
                    }
                    state.withLock { $0 = (true, nil) }
                    backoff.succeeded()
                }
                try await follow(on: current, from: &lastChange!, backoff: &backoff, deliver: deliver)
            } catch {
                if Task.isCancelled { break }
                state.withLock { $0 = (false, StoreConnector.reason(error)) }
                StoreConnector.abandon(current)
                connection = nil
                try? await Task.sleep(for: backoff.failed())
            }
        }
        if let connection { StoreConnector.abandon(connection) }
    }

    /// The rows `start` names, once, for `export --from` and `replay --from`.
    public func readOnce() async throws -> [Exchange] {
        try await open()
        guard let connection = opened.withLock({ connection in defer { connection = nil }; return connection }) else { return [] }
        let collected = Mutex<[Exchange]>([])
        do {
            _ = try await StoreDeadline.run(seconds: deadlineSeconds) { progress in
                try await self.history(on: connection, progress: progress) { page in collected.withLock { $0 += page } }
            }
        } catch {
            StoreConnector.abandon(connection)
            throw StoreConnector.Failure(description: "store at \(connector.url.endpoint): \(StoreConnector.reason(error))")
        }
        StoreConnector.abandon(connection)
        return collected.withLock { $0 }
    }

    static let columns = "id, exchange::text, body, answer_headers::text, answer_body, change, received_at"
    typealias Row = (Int, String, ByteBuffer, String, ByteBuffer, Int, Date)

    /// The starting rows and the last change they include, read in one snapshot.
    private func history(on connection: PostgresConnection, progress: StoreDeadline.Progress,
                         deliver: @Sendable ([Exchange]) async -> Void) async throws -> Int {
        let logger = connector.logger
        return try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            var lastChange = 0
            for try await change in try await connection.query("SELECT next_change - 1 FROM hookscope_counter", logger: logger).decode(Int.self) {
                lastChange = change
            }
            let condition: PostgresQuery
            switch start {
            case .last(let count):
                condition = "id > (SELECT coalesce(max(id), 0) FROM hookscope_exchanges) - \(count)"
            case .id(let id):
                condition = "id >= \(id)"
            case .age(let seconds):
                condition = "received_at >= now() - make_interval(secs => \(Double(seconds)))"
            }
            let query = PostgresQuery(
                unsafeSQL: "SELECT \(Self.columns) FROM hookscope_exchanges WHERE \(condition.sql) ORDER BY id",
                binds: condition.binds)
            _ = try await deliverRows(try await connection.query(query, logger: logger), progress: progress, deliver: deliver)
            return lastChange
        }
    }

    /// Reads every change after `lastChange`, waking on NOTIFY or every second.
    private func follow(on connection: PostgresConnection, from lastChange: inout Int, backoff: inout StoreBackoff,
                        deliver: @escaping @Sendable ([Exchange]) async -> Void) async throws {
        let wakeup = self.wakeup
        let notifications = try await StoreDeadline.run(seconds: deadlineSeconds) { _ in
            try await connection.listen("hookscope_exchanges")
        }
        let listening = Task {
            do { for try await _ in notifications { wakeup.signal() } } catch {}
            // The sequence ends when the connection does: wake the reader to notice.
            wakeup.signal()
        }
        defer { listening.cancel() }
        while !Task.isCancelled {
            if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
            let last = lastChange
            lastChange = try await StoreDeadline.run(seconds: deadlineSeconds) { progress in
                try await self.readChanges(after: last, on: connection, progress: progress, deliver: deliver)
            }
            state.withLock { $0 = (true, nil) }
            backoff.succeeded()
            await wakeup.wait(timeout: .seconds(1))
        }
    }

    /// Every row changed after `last`, in one statement, delivered in id order (pages of
    /// `pageSize` as they stream in); returns the highest change read.
    ///
    /// Why one statement in id order and not pages by change: a row's change moves forward
    /// when its completion is written, so a reader that pages by change, or sorts by it, can
    /// meet a row for the first time after a row with a higher id (captured 1, captured 2,
    /// completed 1: changes 2 and 3). One statement returns every row committed before it
    /// (whatever its change, everything older was read before), and rows committed later
    /// have higher ids (the counter lock); so in id order new ids arrive only increasing,
    /// which `StorePrintOrder` and the terminal UI's ring rely on. A statement cut off
    /// halfway is read again from the same `last`: rows delivered twice are replaced by id.
    private func readChanges(after last: Int, on connection: PostgresConnection, progress: StoreDeadline.Progress,
                             deliver: @Sendable ([Exchange]) async -> Void) async throws -> Int {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM hookscope_exchanges WHERE change > $1 ORDER BY id",
                          binds: { var b = PostgresBindings(); b.append(last); return b }()),
            logger: connector.logger)
        return max(last, try await deliverRows(rows, progress: progress, deliver: deliver))
    }

    /// Hands the rows over in pages as they stream in, the clock stopped meanwhile;
    /// returns the highest change among them (0 when none).
    private func deliverRows(_ rows: PostgresRowSequence, progress: StoreDeadline.Progress,
                             deliver: @Sendable ([Exchange]) async -> Void) async throws -> Int {
        var highest = 0
        var page: [Exchange] = []
        for try await row in rows.decode(Row.self) {
            progress.advanced()
            page.append(Self.exchange(row))
            highest = max(highest, row.5)
            if page.count == Self.pageSize {
                try await progress.pausing { await deliver(page) }
                page = []
            }
        }
        if !page.isEmpty { try await progress.pausing { await deliver(page) } }
        return highest
    }

    /// The row as an exchange; a row that cannot be read (written by a broken or newer
    /// writer, or edited by hand) becomes a placeholder that says so, with its id, instead
    /// of stopping the reader: reading it again would fail again.
    static func exchange(_ row: Row) -> Exchange {
        let record = StoreRecord(
            localID: 0, receivedAt: row.6, completed: false, status: nil, json: row.1,
            body: Array(row.2.readableBytesView), answerHeadersJSON: row.3, answerBody: Array(row.4.readableBytesView))
        do {
            return try record.exchange(id: row.0)
        } catch {
            return StoreRecord.unreadable(id: row.0, receivedAt: row.6, reason: "\(error)")
        }
    }
}

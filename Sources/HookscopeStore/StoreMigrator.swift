import PostgresNIO

/// Brings a store's schema to this binary's version at start; several listeners starting
/// at once take turns through an advisory lock.
public enum StoreMigrator {
    /// Checks the schema's version and migrates only when it is behind, so a client that
    /// may only read (an `attach` with a read-only role) never needs more than SELECT.
    ///
    /// Each round trip within `deadlineSeconds`, as the writer's others (a slow migration
    /// that moves is not a dead one): a database that dies or stalls during the check
    /// (another session holding the migration lock or the schema table) is one clear error
    /// at start, not a listener or attach that hangs there.
    public static func ensure(_ connection: PostgresConnection, connector: StoreConnector,
                              deadlineSeconds: Int = StoreWriter.SessionLimits().deadlineSeconds) async throws {
        do {
            try await StoreDeadline.run(seconds: deadlineSeconds) { progress in
                try await checkAndMigrate(connection, connector: connector, progress: progress)
            }
        } catch let expired as StoreDeadline.Expired {
            throw StoreConnector.Failure(description: "checking the schema: \(expired) (is another session holding its lock?)")
        }
    }

    private static func checkAndMigrate(_ connection: PostgresConnection, connector: StoreConnector,
                                        progress: StoreDeadline.Progress) async throws {
        let current = try? await version(connection, logger: connector.logger)
        progress.advanced()
        if let current {
            if current > StoreMigrations.latestVersion {
                throw StoreMigrations.TooNew(storeVersion: current, knownVersion: StoreMigrations.latestVersion)
            }
            if current == StoreMigrations.latestVersion { return }
        }
        try await migrate(connection, connector: connector, progress: progress)
    }

    /// Any fixed number: the key of the advisory lock migrations hold.
    static let lockKey = 0x686f_6f6b_7363

    /// The version the store had before and after.
    @discardableResult
    public static func migrate(_ connection: PostgresConnection, connector: StoreConnector,
                               to target: Int = StoreMigrations.latestVersion) async throws -> (before: Int, after: Int) {
        try await migrate(connection, connector: connector, to: target, progress: nil)
    }

    /// `progress` hears of each answered round trip (the start's deadline).
    @discardableResult
    static func migrate(_ connection: PostgresConnection, connector: StoreConnector, to target: Int = StoreMigrations.latestVersion,
                        progress: StoreDeadline.Progress?) async throws -> (before: Int, after: Int) {
        let logger = connector.logger
        try await connection.query("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
        progress?.advanced()
        do {
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS hookscope_schema (
                    version integer PRIMARY KEY,
                    summary text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            progress?.advanced()
            let before = try await version(connection, logger: connector.logger)
            progress?.advanced()
            for step in try StoreMigrations.pending(from: before, to: target) {
                try await apply(step, on: connection, logger: logger, progress: progress)
                progress?.advanced()
            }
            let after = try await version(connection, logger: logger)
            try await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            return (before, after)
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            throw error
        }
    }

    /// How long one try of a step may wait for a table's lock, and how many tries. A step
    /// that changes a table the team's listeners are writing (an index on the offers) waits
    /// behind a transaction in flight, and every statement on that table that comes after
    /// waits behind the step: without a limit, a listener starting with a newer hookscope
    /// stalled the others' writes for as long as the oldest transaction lasted (review
    /// session 20 C, L2). With it they wait at most this long at a time; between tries the
    /// step has let go, and their queue drains. 25 tries of ~0.3 s: then the error says
    /// what held the step.
    static let lockWait = "200ms"
    static let lockTries = 25

    private static func apply(_ step: StoreMigrations.Step, on connection: PostgresConnection, logger: Logger,
                              progress: StoreDeadline.Progress?) async throws {
        for attempt in 1...lockTries {
            do {
                try await connection.withTransaction(logger: logger) { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = '\(lockWait)'"), logger: logger)
                    for statement in step.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        progress?.advanced()
                    }
                    try await connection.query(
                        "INSERT INTO hookscope_schema (version, summary) VALUES (\(step.version), \(step.summary))",
                        logger: logger)
                    progress?.advanced()
                }
                return
            } catch where isLockWait(error) && attempt < lockTries {
                // An answered try: the start's deadline is for a store that stopped
                // answering, and the tries are bounded by their count.
                progress?.advanced()
                try await Task.sleep(for: .milliseconds(100))
            } catch where isLockWait(error) {
                throw StoreConnector.Failure(description: "migrating the schema to version \(step.version): a table it changes stayed locked by other sessions through \(lockTries) tries of \(lockWait) (a long transaction on the store?)")
            }
        }
    }

    /// PostgreSQL's lock_not_available: `lock_timeout` ran out.
    private static func isLockWait(_ error: any Error) -> Bool {
        (StoreConnector.innermost(error) as? PSQLError)?.serverInfo?[.sqlState] == "55P03"
    }

    static func version(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("SELECT coalesce(max(version), 0) FROM hookscope_schema", logger: logger)
        for try await (version) in rows.decode(Int.self) { return version }
        return 0
    }
}

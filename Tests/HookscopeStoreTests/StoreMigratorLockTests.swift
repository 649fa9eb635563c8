import Foundation
@testable import HookscopeStore
import PostgresNIO
import PostgresTestServer
import Synchronization
import Testing

/// A listener that starts with a newer hookscope migrates the team's live store: a step
/// that changes a table others are writing (version 8's index on the offers) must not make
/// their statements queue behind it for as long as some transaction holds the table
/// (review session 20 C, L2).
@Suite struct StoreMigratorLockTests {
    /// Holds the offers table as a writer's transaction in flight does (ROW EXCLUSIVE),
    /// on a connection of its own; `release()` commits; `abandon()` closes (deferred, so a
    /// failing test ends cleanly).
    struct Holder {
        let connection: PostgresConnection
        let logger: Logger

        static func hold(_ store: TestStore) async throws -> Holder {
            let connection = try await store.connector.connect()
            let holder = Holder(connection: connection, logger: store.connector.logger)
            try await connection.query("BEGIN", logger: holder.logger)
            try await connection.query("LOCK TABLE hookscope_forward_offers IN ROW EXCLUSIVE MODE", logger: holder.logger)
            return holder
        }

        func release() async throws {
            try await connection.query("COMMIT", logger: logger)
        }

        func abandon() { StoreConnector.abandon(connection) }
    }

    /// A store as a hookscope of version 7's schema left it: the next step (8) builds an
    /// index on the offers.
    static func storeAtVersion7() async throws -> TestStore {
        let store = try await TestStore()
        let old = try await store.connector.connect()
        _ = try await StoreMigrator.migrate(old, connector: store.connector, to: 7)
        try await old.close()
        return store
    }

    /// The migration to the latest version, on a connection of its own, in a task.
    static func migrate(_ store: TestStore) -> Task<(before: Int, after: Int), any Error> {
        Task {
            let connection = try await store.connector.connect()
            defer { StoreConnector.abandon(connection) }
            return try await StoreMigrator.migrate(connection, connector: store.connector)
        }
    }

    /// The task's result, or a failure after a minute: a migration that waits for ever
    /// (as it did without a lock timeout) fails the test instead of hanging it.
    static func outcome(of migrating: Task<(before: Int, after: Int), any Error>) async throws -> (before: Int, after: Int) {
        let result = Mutex<Result<(before: Int, after: Int), any Error>?>(nil)
        let waiting = Task { let ended = await migrating.result; result.withLock { $0 = ended } }
        defer { waiting.cancel() }
        try await eventually("the migration ends", timeout: .seconds(60)) { result.withLock { $0 != nil } }
        return try result.withLock { $0! }.get()
    }

    static let waitingForTheOffers = """
        SELECT count(*) FROM pg_locks WHERE relation = 'hookscope_forward_offers'::regclass AND NOT granted
        """

    @Test func aWaitingStepLetsTheOthersWritersThrough() async throws {
        let store = try await Self.storeAtVersion7()
        let holder = try await Holder.hold(store)
        defer { holder.abandon() }
        let migrating = Self.migrate(store)
        defer { migrating.cancel() }
        try await eventually("the migration waits for the offers' lock") {
            try store.psql(Self.waitingForTheOffers) != "0"
        }
        // Another listener's write to the offers, while the migration still wants the
        // table: it waits at most one try of the step's, not until the holder commits.
        // Without the step's lock_timeout it queued behind the step, which waited for the
        // holder, and ran out of its own 5 s (psql then fails, and so does this test).
        let written = try await PostgresTestServer.offThePool {
            try store.psql("""
                SET lock_timeout = '5s';
                LOCK TABLE hookscope_forward_offers IN ROW EXCLUSIVE MODE;
                SELECT 'written'
                """)
        }
        #expect(written.hasSuffix("written"))
        #expect(try store.psql("SELECT coalesce(max(version), 0) FROM hookscope_schema") == "7", "still waiting")

        try await holder.release()
        let result = try await Self.outcome(of: migrating)
        #expect(result.before == 7 && result.after == StoreMigrations.latestVersion)
        #expect(try store.psql("SELECT to_regclass('hookscope_forward_offers_open') IS NOT NULL") == "t")
    }

    @Test func aTableThatStaysLockedIsAClearError() async throws {
        let store = try await Self.storeAtVersion7()
        let holder = try await Holder.hold(store)
        defer { holder.abandon() }
        let migrating = Self.migrate(store)
        defer { migrating.cancel() }
        await #expect {
            try await Self.outcome(of: migrating)
        } throws: { error in
            "\(error)".contains("migrating the schema to version 8: a table it changes stayed locked by other sessions")
        }
        #expect(try store.psql("SELECT coalesce(max(version), 0) FROM hookscope_schema") == "7", "nothing half done")
        // This database's only (tests beside this one migrate theirs on the same server).
        #expect(try store.psql("""
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """) == "0", "the migration lock let go")
        try await holder.release()
    }
}

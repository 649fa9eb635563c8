import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresTestServer
import Testing

/// A statement that fails every time on a database that accepts connections (a revoked
/// permission, a dropped table) makes a store loop reconnect with backoff, not as fast as
/// the server accepts connections (review M5): the loops used to start their backoff
/// again on every successful connect.
@Suite struct StoreReconnectTests {
    /// Sessions opened on this database so far, as the server counts them (each `psql`
    /// here is one too).
    func sessions(_ store: TestStore) throws -> Int {
        Int(try store.psql("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")) ?? -1
    }

    /// A role that may read every table of the schema except `table`.
    func roleWithout(_ table: String, in store: TestStore) throws -> StoreConnector {
        // Roles are the whole server's: named after this test's database.
        let role = "limited_\(store.url.database)"
        try store.server.psqlScript(store.url.database, """
            CREATE ROLE \(role) LOGIN;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role);
            REVOKE SELECT ON \(table) FROM \(role);
            """)
        return StoreConnector(url: try StoreURL(parsing: store.server.url(database: store.url.database, user: role)))
    }

    func migrated() async throws -> TestStore {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "schema", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        _ = await writer.finish()
        return store
    }

    /// The window the reconnections are counted over, and how many fit in it at most:
    /// with waits of 0.1, 0.2, 0.4, 0.8, 1.6 and 3.2 s, five within 4 s, however slow the
    /// machine (a slow machine only makes fewer); a loop that reconnects at once makes
    /// hundreds. The bound leaves room for the counting `psql` sessions.
    static let window = Duration.seconds(4)
    static let mostSessions = 12

    @Test func anAttachedReaderWhoseReadIsRefusedBacksOff() async throws {
        let store = try await migrated()
        let limited = try roleWithout("hookscope_exchanges", in: store)
        let reader = StoreReader(connector: limited, start: .id(1))
        try await reader.open()
        let reading = Task { await reader.run { _ in } }
        try await eventually("the refusal is shown") {
            reader.statusSummary == "store: reconnecting (permission denied for table hookscope_exchanges)"
        }
        let before = try sessions(store)
        try await Task.sleep(for: Self.window)
        let opened = try sessions(store) - before
        #expect(opened <= Self.mostSessions, "\(opened) sessions in \(Self.window)")
        // Still trying: once the permission is back, it reads.
        try store.psql("GRANT SELECT ON hookscope_exchanges TO limited_\(store.url.database)")
        try await eventually("reading again", timeout: .seconds(60)) { reader.statusSummary == nil }
        reading.cancel()
        await reading.value
    }

    @Test func theSharedPlanFollowerWhoseReadIsRefusedBacksOff() async throws {
        let store = try await migrated()
        let limited = try roleWithout("hookscope_plan", in: store)
        let plans = SharedPlanStore(connector: limited)
        let following = Task { await plans.follow { _ in } }
        // The follower says nothing of its trouble: its first refused read is waited for in
        // the server's count of transactions rolled back (the psql here only commit).
        try await eventually("the follower's read was refused") {
            (Int(try store.psql("SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()")) ?? 0) > 0
        }
        let before = try sessions(store)
        try await Task.sleep(for: Self.window)
        let opened = try sessions(store) - before
        #expect(opened <= Self.mostSessions, "\(opened) sessions in \(Self.window)")
        following.cancel()
        await following.value
    }
}

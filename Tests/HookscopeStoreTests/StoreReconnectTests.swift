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

    /// A role that may do everything the listener does except delete from `table`: its
    /// sweep of what dead processes left is refused every time (review H1; used by
    /// StoreHousekeepingTests).
    func roleWithoutDelete(on table: String, in store: TestStore) throws -> StoreConnector {
        let role = "nodelete_\(store.url.database)"
        try store.server.psqlScript(store.url.database, """
            CREATE ROLE \(role) LOGIN;
            GRANT ALL ON ALL TABLES IN SCHEMA public TO \(role);
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO \(role);
            REVOKE DELETE ON \(table) FROM \(role);
            """)
        return StoreConnector(url: try StoreURL(parsing: store.server.url(database: store.url.database, user: role)))
    }

    /// Transactions rolled back on this database so far: the loops say nothing of a
    /// refused statement, and the server counts one as a rollback (the psql here only
    /// commit; the migration's first look at an empty database is one too).
    func rollbacks(_ store: TestStore) throws -> Int {
        Int(try store.psql("SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()")) ?? 0
    }

    /// Waits until the loop started after `rolledBack` rollbacks has been refused.
    func refused(_ store: TestStore, after rolledBack: Int) async throws {
        try await eventually("a statement of the loop was refused") { try rollbacks(store) > rolledBack }
    }

    func migrated() async throws -> TestStore {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "schema", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        _ = await writer.finish()
        return store
    }

    /// The window the reconnections are counted over; how many fit in it: BackoffBound.
    static let window = Duration.seconds(4)

    /// Counts the sessions opened over the window and expects no more than backoff allows.
    func expectBackoff(_ store: TestStore, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let before = try sessions(store)
        let started = ContinuousClock.now
        try await Task.sleep(for: Self.window)
        let opened = try sessions(store) - before
        let elapsed = ContinuousClock.now - started
        #expect(opened <= BackoffBound.mostSessions(over: elapsed), "\(opened) sessions in \(elapsed)", sourceLocation: sourceLocation)
    }

    @Test func anAttachedReaderWhoseReadIsRefusedBacksOff() async throws {
        let store = try await migrated()
        let limited = try roleWithout("hookscope_exchanges", in: store)
        let reader = StoreReader(connector: limited, start: .id(1))
        try await reader.open()
        let reading = Task { await reader.run { _ in } }
        try await eventually("the refusal is shown") {
            reader.statusSummary == "store: reconnecting (permission denied for table hookscope_exchanges)"
        }
        try await expectBackoff(store)
        // Still trying: once the permission is back, it reads.
        try store.psql("GRANT SELECT ON hookscope_exchanges TO limited_\(store.url.database)")
        try await eventually("reading again", timeout: .seconds(60)) { reader.statusSummary == nil }
        reading.cancel()
        await reading.value
    }

    /// The relay's offer loop runs no statement while nothing waits, then reads the
    /// forwarders: a reset of the backoff before a statement the store refuses every time
    /// made it reconnect every 100 ms (review H1). (A refused sweep keeps the connection
    /// since session 16 review M1: StoreHousekeepingTests.)
    @Test func theRelaysOfferLoopWhoseReadIsRefusedBacksOff() async throws {
        let store = try await migrated()
        let limited = try roleWithout("hookscope_forwarders", in: store)
        // Without it the relay is refused at connect (StoreHousekeepingTests).
        try store.psql("GRANT DELETE ON hookscope_forward_offers TO limited_\(store.url.database)")
        let relay = RemoteForwardRelay(connector: limited, run: UUID(), claimTimeout: .seconds(2), forwardTimeout: .seconds(2))
        let rolledBack = try rollbacks(store)
        try await relay.connect()
        relay.begin()
        try await refused(store, after: rolledBack)
        try await expectBackoff(store)
        await relay.stop()
    }

    /// The held requests' publisher, which every `listen --store` runs: the same shape,
    /// with a role that may not publish what it holds.
    @Test func theHeldRequestsPublisherWhosePublishingIsRefusedBacksOff() async throws {
        let store = try await migrated()
        let limited = try roleWithout("hookscope_forward_offers", in: store)
        let deadline = Timestamp(nanosecondsSinceEpoch: Timestamp.now().nanosecondsSinceEpoch + 600_000_000_000)
        let publisher = HeldRequestsPublisher(connector: limited, run: UUID(), listenerName: "readonly",
                                              holding: { [HeldRequestsSync.Held(localID: 1, deadline: deadline)] }, carryOut: { _, _, _ in false })
        let rolledBack = try rollbacks(store)
        let publishing = Task { await publisher.follow() }
        try await refused(store, after: rolledBack)
        try await expectBackoff(store)
        publishing.cancel()
        await publishing.value
    }

    @Test func theSharedPlanFollowerWhoseReadIsRefusedBacksOff() async throws {
        let store = try await migrated()
        let limited = try roleWithout("hookscope_plan", in: store)
        let plans = SharedPlanStore(connector: limited)
        let rolledBack = try rollbacks(store)
        let following = Task { await plans.follow { _ in } }
        try await refused(store, after: rolledBack)
        try await expectBackoff(store)
        following.cancel()
        await following.value
    }
}

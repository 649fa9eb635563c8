import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Testing

/// What the store does when the database misbehaves without going away: it refuses a
/// write, holds a lock, stalls a read, or holds a row nobody can read (review H1, H3, M1,
/// M3 and the reader's deadline).
@Suite struct StoreFaultTests {
    func numbered(_ n: Int, answered: Bool = false) -> Exchange {
        var exchange = delivery(n)
        exchange.id = n
        if answered { exchange.response = ExchangeResponse(status: 200, source: .default, durationMilliseconds: 0) }
        return exchange
    }

    /// A write the database refuses (here a trigger; in life a permission or a constraint)
    /// is retried with backoff, never at once, says why in `store:` and goes through once
    /// the cause is gone. The attempts are counted by a sequence, which a rollback does not
    /// undo.
    @Test func aRefusedWriteBacksOffSaysWhyAndGoesThroughLater() async throws {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "h1", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        try store.server.psqlScript(store.url.database, """
            CREATE SEQUENCE attempts;
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM nextval('attempts'); RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON hookscope_exchanges FOR EACH ROW EXECUTE FUNCTION refuse();
            """)
        writer.begin(listenerURL: "-")
        writer.enqueue(.completed, numbered(1, answered: true))
        try await eventually("the refusal is shown") { writer.status.refused }
        let status = writer.status
        #expect(status.connected, "the connection works; only the write is refused")
        #expect(status.summary == "store: writes refused, 1 waiting (refused by the test)")
        // With backoff (0.1, 0.2, 0.4, 0.8, 1.6 s ...) about six attempts fit in 3 s; a
        // writer that retries at once makes hundreds.
        try await Task.sleep(for: .seconds(3))
        let attempts = Int(try store.psql("SELECT last_value FROM attempts")) ?? -1
        #expect(attempts >= 2 && attempts <= 10, "\(attempts) attempts")
        try store.psql("DROP TRIGGER refuse ON hookscope_exchanges")
        try await eventually("the write goes through", timeout: .seconds(60)) { writer.status.written == 1 }
        #expect(writer.status.summary == nil)
        let final = await writer.finish()
        #expect(final.waiting == 0 && final.lost == 0)
        #expect(try store.psql("SELECT count(*) FROM hookscope_exchanges") == "1")
    }

    /// A writer whose connection went silent in the middle of a transaction holds the
    /// counter's row lock; the server ends that session after the idle limit the writer
    /// set, and every other listener's writes go on (review H3).
    @Test func aWriterSilentInATransactionDoesNotBlockTheOthers() async throws {
        let store = try await TestStore()
        let limits = StoreWriter.SessionLimits(idleInTransactionSeconds: 1, lockSeconds: 30)
        let silent = try await store.connector.connect(settings: limits.settings)
        // Closed however the test ends: when a step below threw, it was deinitialized open,
        // which postgres-nio asserts against in a debug build (the whole test process stopped).
        defer { StoreConnector.abandon(silent) }
        for try await value in try await silent.query("SHOW idle_in_transaction_session_timeout", logger: store.connector.logger).decode(String.self) {
            #expect(value == "1s")
        }
        // The schema first, as a writer's start would.
        // A patient deadline: this test is about the silent session, and in loaded full runs
        // the schema check alone took more than the default 10 s (seen twice).
        let other = StoreWriter(connector: store.connector, listenerName: "other", queueBytes: 1 << 20, retention: nil,
                                sessionLimits: .init(deadlineSeconds: 60))
        try await other.connect()
        try await silent.query("BEGIN", logger: store.connector.logger)
        try await silent.query("UPDATE hookscope_counter SET next_id = next_id", logger: store.connector.logger)
        // ...and nothing more from it, as from a laptop that went to sleep.
        other.begin(listenerURL: "-")
        other.enqueue(.completed, numbered(1, answered: true))
        try await eventually("the other listener's write is stored", timeout: .seconds(60)) { other.status.written == 1 }
        try await eventually("the server ended the silent session") { silent.isClosed }
        _ = await other.finish()
        #expect(try store.psql("SELECT listener FROM hookscope_exchanges") == "other")
        // The writer's own sessions carry the limits.
        #expect(StoreWriter.SessionLimits().settings.contains { $0 == "lock_timeout" && $1 == "8s" })
    }

    /// Retention deleting a row between the writer's look for it and its upsert used to
    /// make the upsert insert it under the placeholder id, a negative one (review M3). The
    /// writer now locks the rows it found: here its batch's statement waits for the counter
    /// (held by the test) after its look, and a delete of its row must wait for it in turn.
    @Test func aRowBeingCompletedCannotBeDeletedUnderTheWriter() async throws {
        let store = try await TestStore()
        // Patient: it must still be waiting when the delete below tries its row.
        let writer = StoreWriter(connector: store.connector, listenerName: "m3", queueBytes: 1 << 20, retention: nil,
                                 sessionLimits: .init(lockSeconds: 120, deadlineSeconds: 120))
        try await writer.connect()
        writer.begin(listenerURL: "-")
        writer.enqueue(.captured, numbered(1))
        writer.enqueue(.captured, numbered(2))
        try await eventually("captured") { writer.status.written == 2 }
        let holder = try await store.connector.connect()
        try await holder.query("BEGIN", logger: store.connector.logger)
        try await holder.query("SELECT next_id FROM hookscope_counter FOR UPDATE", logger: store.connector.logger)
        writer.enqueue(.completed, numbered(1, answered: true))
        try await eventually("the writer has looked and waits for the counter") {
            // This database only: other tests' writers wait on their own counters.
            try store.psql("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE hookscope_counter%'
                """) == "1"
        }
        #expect(throws: (any Error).self, "the delete waits for the writer's row lock") {
            try store.psql("SET lock_timeout = '1s'; DELETE FROM hookscope_exchanges WHERE id = 1")
        }
        try await holder.query("ROLLBACK", logger: store.connector.logger)
        try await holder.close()
        try await eventually("completed") { writer.status.written == 3 }
        _ = await writer.finish()
        #expect(try store.psql("SELECT string_agg(id || ':' || completed, ',' ORDER BY id) FROM hookscope_exchanges") == "1:true,2:false")
    }

    /// A row nobody can read (written by hand, or by a newer hookscope) is shown as such,
    /// with its id and the reason, and the reader goes on: it used to fail the whole read,
    /// reconnect and fail again for ever (review M1).
    @Test func anUnreadableRowIsShownAsSuchAndTheReaderGoesOn() async throws {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "m1", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        writer.begin(listenerURL: "-")
        for n in 1...3 { writer.enqueue(.completed, numbered(n, answered: true)) }
        try await eventually("written") { writer.status.written == 3 }
        try store.psql(#"UPDATE hookscope_exchanges SET exchange = '{"method": 7}' WHERE id = 2"#)
        let reader = StoreReader(connector: store.connector, start: .id(1))
        try await reader.open()
        let collected = Collected()
        let reading = Task { await reader.run { collected.add($0) } }
        try await eventually("the first three") { collected.firstSeenIDs.count == 3 }
        writer.enqueue(.completed, numbered(4, answered: true))
        try await eventually("and the one after") { collected.firstSeenIDs == [1, 2, 3, 4] }
        #expect(reader.statusSummary == nil, "never reconnected")
        reading.cancel()
        await reading.value
        _ = await writer.finish()
        let unreadable = try #require(collected.all.first { $0.id == 2 })
        #expect(unreadable.rejection?.hasPrefix("the store's row #2 could not be read: ") == true)
        #expect(unreadable.target == "(unreadable row #2)")
        #expect(unreadable.isComplete)
        #expect(collected.all.filter { $0.id != 2 }.allSatisfy { $0.rejection == nil && $0.method == "POST" })
        #expect(collected.all.count == 4, "each row once: \(collected.all.map(\.id))")
    }

    /// The placeholder for an unreadable row takes the row's time as PostgreSQL holds it,
    /// which may be `infinity` or a year no 64-bit nanosecond count reaches: it used to
    /// trap there (review M5), taking every attached client and `export --from` down.
    @Test func anUnreadableRowAtAnImpossibleTimeIsStillAPlaceholder() async throws {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "m5", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        writer.begin(listenerURL: "-")
        for n in 1...4 { writer.enqueue(.completed, numbered(n, answered: true)) }
        try await eventually("written") { writer.status.written == 4 }
        _ = await writer.finish()
        try store.psql("""
            UPDATE hookscope_exchanges SET exchange = '{"method": 7}',
                received_at = CASE id WHEN 1 THEN 'infinity'::timestamptz WHEN 2 THEN '-infinity'::timestamptz
                                      WHEN 3 THEN '3000-01-01Z'::timestamptz ELSE '1500-01-01Z'::timestamptz END
            """)
        let rows = try await StoreReader(connector: store.connector, start: .id(1)).readOnce()
        #expect(rows.map(\.id) == [1, 2, 3, 4])
        #expect(rows.allSatisfy { $0.target == "(unreadable row #\($0.id))" && $0.isComplete })
        let limit = Timestamp.farthest
        #expect(rows.map(\.receivedAt.nanosecondsSinceEpoch) == [limit, -limit, limit, -limit])
    }

    /// The migration at start waits for the advisory lock another starting listener holds;
    /// a session that holds it for ever (or a database that stalls) used to hang `listen
    /// --store` and `attach` at start. Now it is one clear failure at the deadline, for
    /// the writer and the reader, and the start works once the lock is let go.
    @Test func aMigrationThatCannotTakeItsLockEndsAtTheDeadline() async throws {
        let store = try await TestStore()
        let holder = try await store.connector.connect()
        try await holder.query("SELECT pg_advisory_lock(\(StoreMigrator.lockKey))", logger: store.connector.logger)
        let writer = StoreWriter(connector: store.connector, listenerName: "lock", queueBytes: 1 << 20, retention: nil,
                                 sessionLimits: .init(deadlineSeconds: 2))
        let reader = StoreReader(connector: store.connector, start: .id(1))
        // Bounded from outside too: without the deadline this would wait for ever. Generous:
        // in a loaded full run the test process's pool is starved, and every late look
        // starts the deadline again (StoreDeadline.Progress.lateness).
        let writerError = await #expect(throws: StoreConnector.Failure.self) {
            try await StoreDeadline.run(seconds: 120) { _ in try await writer.connect() }
        }
        #expect(writerError?.description == "store at \(store.url.endpoint): checking the schema: the database did not answer within 2 s (is another session holding its lock?)")
        let readerError = await #expect(throws: StoreConnector.Failure.self) {
            try await StoreDeadline.run(seconds: 120) { _ in try await reader.open() }
        }
        #expect(readerError?.description.hasSuffix("checking the schema: the database did not answer within 10 s (is another session holding its lock?)") == true)
        try await holder.query("SELECT pg_advisory_unlock(\(StoreMigrator.lockKey))", logger: store.connector.logger)
        try await holder.close()
        // A writer with a longer round-trip deadline: the sessions abandoned above may still
        // wait for the lock in the server (PostgreSQL notices a gone client only when it
        // answers it), take it in turn and end; on a loaded machine that can pass 2 s.
        let later = StoreWriter(connector: store.connector, listenerName: "lock", queueBytes: 1 << 20, retention: nil,
                                sessionLimits: .init(deadlineSeconds: 30))
        try await StoreDeadline.run(seconds: 60) { _ in try await later.connect() }
        _ = await later.finish()
        #expect(try store.psql("SELECT max(version) FROM hookscope_schema") == "\(StoreMigrations.latestVersion)")
    }

    /// What made the deadlines necessary: a query handed to a connection the server has
    /// just dropped. It must end, with an error or at the deadline, and never await for ever.
    @Test func aQueryOnADroppedConnectionEndsByItsDeadline() async throws {
        let store = try await TestStore()
        let logger = store.connector.logger
        let connection = try await store.connector.connect()
        var backend = 0
        for try await pid in try await connection.query("SELECT pg_backend_pid()", logger: logger).decode(Int.self) { backend = pid }
        try store.psql("SELECT pg_terminate_backend(\(backend))")
        try await eventually("the connection is closed") { connection.isClosed }
        // postgres-nio drops it with its promise (the channel's handlers are gone): only the
        // deadline ends it. An error at once would do as well.
        await #expect(throws: (any Error).self) {
            try await StoreDeadline.run(seconds: 3) { _ in _ = try await connection.query("SELECT 1", logger: logger) }
        }
    }

    /// A database that stops answering (here: a table lock held by someone else) does not
    /// freeze an attached client: the read's deadline takes the connection for dead, the
    /// client says `store: reconnecting` and why, and catches up once the database answers again.
    @Test func aStalledReadIsALostConnectionAndCatchesUp() async throws {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "stall", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        writer.begin(listenerURL: "-")
        writer.enqueue(.completed, numbered(1, answered: true))
        try await eventually("written") { writer.status.written == 1 }
        let reader = StoreReader(connector: store.connector, start: .id(1), deadlineSeconds: 1)
        try await reader.open()
        let collected = Collected()
        let reading = Task { await reader.run { collected.add($0) } }
        try await eventually("the first row") { collected.firstSeenIDs == [1] }
        let holder = try await store.connector.connect()
        try await holder.query("BEGIN", logger: store.connector.logger)
        try await holder.query("LOCK TABLE hookscope_exchanges IN ACCESS EXCLUSIVE MODE", logger: store.connector.logger)
        try await eventually("the stalled read is noticed") { reader.statusSummary == "store: reconnecting (the database did not answer within 1 s)" }
        try await holder.query("ROLLBACK", logger: store.connector.logger)
        try await holder.close()
        writer.enqueue(.completed, numbered(2, answered: true))
        try await eventually("caught up", timeout: .seconds(60)) { collected.firstSeenIDs == [1, 2] && reader.statusSummary == nil }
        reading.cancel()
        await reading.value
        _ = await writer.finish()
    }
}

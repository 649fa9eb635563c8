import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Synchronization
import Testing

/// The writer's batch as one statement and the readers' wake-up as a transaction of its
/// own (StoreWriter+Batch.swift), against real PostgreSQL: the statement keeps ids, order
/// and exactly-once, and a reader finds rows whose wake-up never came.
@Suite struct StoreWriterBatchTests {
    func write(_ kind: StoreWriteQueue.Write.Kind, _ n: Int) -> StoreWriteQueue.Write {
        var exchange = delivery(n)
        exchange.id = n
        if kind == .completed {
            exchange.response = ExchangeResponse(status: 200 + n, headers: [HeaderField("X-R", "\(n)")], body: Array("ok \(n)".utf8),
                                                 source: .default, durationMilliseconds: 1)
        }
        return .init(kind, exchange)
    }

    /// A batch written again (its commit was in doubt: the connection went before the
    /// answer came) updates its rows and takes no new ids; a batch that mixes completions
    /// and new exchanges gives the new ones the next ids in the batch's order, and every
    /// row a change in that order.
    @Test func aBatchWrittenAgainKeepsItsIdsAndNewRowsTakeIdsInOrder() async throws {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "b", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        let connection = try await store.connector.connect()
        defer { StoreConnector.abandon(connection) }
        let first = (1...3).map { write(.captured, $0) }
        try await writer.write(first, on: connection)
        try await writer.write(first, on: connection)
        let mixed = [write(.completed, 2), write(.captured, 4), write(.completed, 1), write(.captured, 5)]
        try await writer.write(mixed, on: connection)
        _ = await writer.finish()

        // id:local_id:change:completed:status
        #expect(try store.psql("""
            SELECT string_agg(concat_ws(':', id, local_id, change, completed, coalesce(status, 0)), ',' ORDER BY id)
            FROM hookscope_exchanges
            """) == "1:1:9:t:201,2:2:7:t:202,3:3:6:f:0,4:4:8:f:0,5:5:10:f:0")
        #expect(try store.psql("SELECT next_id, next_change FROM hookscope_counter") == "6|11")
        let read = try await StoreReader(connector: store.connector, start: .id(1)).readOnce()
        let latest = [1: mixed[2], 2: mixed[0], 3: first[2], 4: mixed[1], 5: mixed[3]]
        #expect(read.map(\.id) == [1, 2, 3, 4, 5])
        for row in read {
            #expect(row == latest[row.id]?.exchange, "row \(row.id) byte-exact")
        }
    }

    /// The batch's own transaction sends no NOTIFY (so it never holds PostgreSQL's notify
    /// lock through its fsync); a reader still shows its rows by its own look (as when the
    /// wake-up is lost with the connection), and the wake-up sent after it is one
    /// notification.
    @Test func aBatchWithoutItsWakeUpIsStillShownAndTheWakeUpComesApart() async throws {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "w", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        let listening = try await store.connector.connect()
        defer { StoreConnector.abandon(listening) }
        let notifications = try await listening.listen("hookscope_exchanges")
        let heard = Mutex(0)
        let hearing = Task { do { for try await _ in notifications { heard.withLock { $0 += 1 } } } catch {} }
        defer { hearing.cancel() }
        let reader = StoreReader(connector: store.connector, start: .id(1))
        try await reader.open()
        let collected = Collected()
        let reading = Task { await reader.run { collected.add($0) } }

        let connection = try await store.connector.connect()
        defer { StoreConnector.abandon(connection) }
        try await writer.write((1...3).map { write(.completed, $0) }, on: connection)
        try await eventually("the reader finds the rows by looking") { collected.firstSeenIDs == [1, 2, 3] }

        try await writer.notifyReaders(on: connection)
        try await eventually("the wake-up is heard") { heard.withLock { $0 } >= 1 }
        // Notifications arrive in commit order: one from the batch would have come first.
        #expect(heard.withLock { $0 } == 1)
        reading.cancel()
        await reading.value
        _ = await writer.finish()
    }
}

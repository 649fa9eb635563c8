import HookscopeCore
import HookscopeStore
import Testing

@Suite struct StoreWriteQueueTests {
    func write(_ id: Int, bodyBytes: Int = 488) -> StoreWriteQueue.Write {
        // 512 + 488 = 1000 bytes of cost each.
        .init(.captured, Exchange(id: id, receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "", method: "POST", target: "/", headers: [], body: Array(repeating: 1, count: bodyBytes)))
    }

    @Test func overflowDropsTheOldestWaitingAndCountsEachOne() {
        var queue = StoreWriteQueue(maxBytes: 10_000)
        for id in 1...25 { queue.append(write(id)) }
        #expect(queue.count == 10)
        #expect(queue.lost == 15)
        #expect(queue.bytes == 10_000)
        let batch = queue.takeBatch(maxCount: 100, maxBytes: 1 << 30)
        #expect(batch.map(\.exchange.id) == Array(16...25))
    }

    @Test func aBatchInFlightIsNeverDropped() {
        var queue = StoreWriteQueue(maxBytes: 5_000)
        for id in 1...3 { queue.append(write(id)) }
        let batch = queue.takeBatch(maxCount: 2, maxBytes: 1 << 30)
        #expect(batch.map(\.exchange.id) == [1, 2])
        for id in 4...10 { queue.append(write(id)) }
        // 2 in flight + 3 waiting fit in 5 000 bytes: 3, 4, 5, 6, 7 were dropped.
        #expect(queue.lost == 5)
        #expect(queue.count == 5)
        // The batch failed: it goes back first in line, in order.
        queue.returnBatch()
        #expect(queue.takeBatch(maxCount: 100, maxBytes: 1 << 30).map(\.exchange.id) == [1, 2, 8, 9, 10])
        queue.acknowledgeBatch()
        #expect(queue.isEmpty)
        #expect(queue.bytes == 0)
        #expect(queue.written == 5)
        #expect(queue.appended == queue.written + queue.lost)
    }

    @Test func batchesStopAtTheirByteSizeButTakeAtLeastOne() {
        var queue = StoreWriteQueue(maxBytes: 1 << 30)
        queue.append(write(1, bodyBytes: 100_000))
        queue.append(write(2))
        #expect(queue.takeBatch(maxCount: 10, maxBytes: 50_000).map(\.exchange.id) == [1])
        #expect(queue.takeBatch(maxCount: 10, maxBytes: 50_000).isEmpty, "one batch in flight at a time")
        queue.acknowledgeBatch()
        #expect(queue.takeBatch(maxCount: 10, maxBytes: 50_000).map(\.exchange.id) == [2])
    }
}

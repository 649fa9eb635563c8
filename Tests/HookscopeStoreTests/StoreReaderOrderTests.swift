import Foundation
import HookscopeCore
import HookscopeStore
import Synchronization
import Testing

/// A reader that falls behind must still meet new ids in increasing order. The case the
/// load test found (one id of 10 000 never printed): a row's change moves forward when its
/// completion is written, so a lagging reader following the change column met id 3 (at
/// its capture) before id 2 (at its completion), printed 3, and then dropped 2 as old.
@Suite struct StoreReaderOrderTests {
    @Test func aLaggingReaderMeetsNewIdsInIncreasingOrder() async throws {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "a", queueBytes: 64 << 20, retention: nil)
        try await writer.connect()
        writer.begin(listenerURL: "-")
        // From id 1: with .last(0), a reader whose task starts after row 1 is committed
        // would begin after it (the history of "the last 0" is empty).
        let reader = StoreReader(connector: store.connector, start: .id(1))
        try await reader.open()
        let collected = Collected()
        let gateOpen = Mutex(false)
        let reading = Task {
            await reader.run { page in
                collected.add(page)
                // Held after the first row, as a slow terminal or network would hold it.
                while !gateOpen.withLock({ $0 }), !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
            }
        }
        func exchange(_ n: Int, answered: Bool) -> Exchange {
            var exchange = delivery(n)
            exchange.id = n
            if answered { exchange.response = ExchangeResponse(status: 200 + n, source: .default, durationMilliseconds: 0) }
            return exchange
        }
        writer.enqueue(.completed, exchange(1, answered: true))
        try await eventually("the reader has the first row") { collected.all.count == 1 }
        // Store id 2 captured (change 2) and id 3 answered (change 3) in one transaction...
        writer.enqueue(.captured, exchange(2, answered: false))
        writer.enqueue(.completed, exchange(3, answered: true))
        try await eventually("2 and 3 are stored") { writer.status.written == 3 }
        // ...then 2's answer, which moves it to change 4, past 3.
        writer.enqueue(.completed, exchange(2, answered: true))
        try await eventually("2's answer is stored") { writer.status.written == 4 }
        #expect(try store.psql("SELECT string_agg(id::text, ',' ORDER BY change) FROM hookscope_exchanges") == "1,3,2")
        gateOpen.withLock { $0 = true }
        try await eventually("the reader has every row") { Set(collected.all.map(\.id)).count == 3 }
        reading.cancel()
        await reading.value
        _ = await writer.finish()

        #expect(collected.firstSeenIDs == [1, 2, 3])
        // What `attach --json` prints: each once, in id order, with its answer.
        var order = StorePrintOrder()
        var printed: [Exchange] = []
        for exchange in collected.all { printed += order.add([exchange], now: 0) }
        #expect(printed.map(\.id) == [1, 2, 3])
        #expect(printed.map { $0.response?.status } == [201, 202, 203])
    }
}

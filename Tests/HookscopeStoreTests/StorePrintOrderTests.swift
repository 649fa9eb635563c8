import HookscopeCore
import HookscopeStore
import Testing

@Suite struct StorePrintOrderTests {
    func exchange(_ id: Int, complete: Bool) -> Exchange {
        StoreRecordTests.sample(id: id, completed: complete)
    }

    @Test func printsInIdOrderOnceAnswered() {
        var order = StorePrintOrder(holdSeconds: 30)
        #expect(order.add([exchange(1, complete: true), exchange(2, complete: false), exchange(3, complete: true)], now: 0).map(\.id) == [1])
        // 3 waits behind 2 until 2 has its answer.
        #expect(order.add([exchange(4, complete: true)], now: 1).isEmpty)
        #expect(order.add([exchange(2, complete: true)], now: 2).map(\.id) == [2, 3, 4])
        // Seen again (a reconnect reads a page twice): printed once only.
        #expect(order.add([exchange(3, complete: true), exchange(5, complete: true)], now: 3).map(\.id) == [5])
        #expect(order.waiting == 0)
    }

    @Test func anExchangeThatNeverCompletesIsPrintedAfterTheHold() {
        var order = StorePrintOrder(holdSeconds: 30)
        #expect(order.add([exchange(1, complete: false), exchange(2, complete: true)], now: 100).isEmpty)
        #expect(order.release(now: 129.9).isEmpty)
        let released = order.release(now: 130)
        #expect(released.map(\.id) == [1, 2])
        #expect(released[0].response == nil)
        #expect(order.add([exchange(1, complete: true)], now: 131).isEmpty, "already printed")
    }
}

import HookscopeCore
import Testing

/// An attached client's ring (`hookscope attach`): rows keep the shared store's ids.
@Suite struct CaptureStoreAttachedTests {
    func row(_ id: Int, status: Int? = nil) -> Exchange {
        Exchange(id: id, receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "", method: "POST", target: "/\(id)", headers: [], body: [1, 2],
                 response: status.map { ExchangeResponse(status: $0, source: .default, durationMilliseconds: 0) })
    }

    @Test func rowsKeepTheStoresIdsAndACompletionReplacesTheFirstForm() {
        let store = CaptureStore(limits: .init(capacity: 100))
        #expect(store.upsert(row(40)))
        #expect(store.upsert(row(41)))
        #expect(store.upsert(row(41, status: 201)))
        #expect(store.snapshot().map(\.id) == [40, 41])
        #expect(store.exchange(id: 41)?.response?.status == 201)
        #expect(store.snapshot().position(ofID: 41) == 1)
        #expect(!store.upsert(row(12)), "older than the ring")
        #expect(store.upsert(row(42)))
        #expect(store.statistics.captured == 42)
    }

    @Test func aGapStartsTheRingAfreshSoIdsStayContiguous() {
        let store = CaptureStore(limits: .init(capacity: 100))
        #expect(store.upsert(row(5)))
        #expect(store.upsert(row(6)))
        #expect(store.upsert(row(90)))
        #expect(store.snapshot().map(\.id) == [90])
        #expect(store.statistics.cleared == 2)
        #expect(store.upsert(row(91)))
        #expect(store.snapshot().position(ofID: 91) == 1)
    }

    @Test func theRingsLimitsStillHold() {
        let store = CaptureStore(limits: .init(capacity: 3))
        for id in 10...20 { store.upsert(row(id)) }
        #expect(store.snapshot().map(\.id) == [18, 19, 20])
        #expect(store.statistics.evicted == 8)
    }
}

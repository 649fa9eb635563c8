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

    /// Rows the store deleted before this client read them leave a gap in its ids: the
    /// ring keeps what it holds (it used to start afresh and lose it, review M2), and
    /// every id on either side is still found.
    @Test func aGapKeepsTheRingAndEveryIdIsFound() {
        let store = CaptureStore(limits: .init(capacity: 100))
        let ids = [5, 6, 90, 91, 400]
        for id in ids { #expect(store.upsert(row(id))) }
        #expect(store.snapshot().map(\.id) == ids)
        #expect(store.statistics.cleared == 0 && store.statistics.evicted == 0)
        let snapshot = store.snapshot()
        for (position, id) in ids.enumerated() {
            #expect(snapshot.position(ofID: id) == position)
            #expect(store.exchange(id: id)?.target == "/\(id)")
        }
        for id in [4, 7, 89, 92, 399, 401] {
            #expect(snapshot.position(ofID: id) == nil)
            #expect(store.exchange(id: id) == nil)
        }
        #expect(snapshot.firstPosition(atOrAfterID: 50) == 2)
        #expect(snapshot.firstPosition(atOrAfterID: 401) == 5)
        // A completion of a row beyond the gap replaces it.
        #expect(store.upsert(row(90, status: 204)))
        #expect(store.exchange(id: 90)?.response?.status == 204)
        #expect(store.snapshot().count == 5)
        #expect(!store.upsert(row(50)), "behind the newest id: never sent by the reader")
    }

    /// Any mix of gaps, completions and evictions: the ring is what a plain list of the
    /// newest rows would be, and every id is found where the list has it.
    @Test func gapsCompletionsAndEvictionsMatchAPlainList() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            let capacity = Int.random(in: 1...40, using: &generator)
            let store = CaptureStore(limits: .init(capacity: capacity))
            var model: [Exchange] = []
            var next = Int.random(in: 1...1000, using: &generator)
            for _ in 0..<300 {
                if !model.isEmpty, Bool.random(using: &generator) {
                    let held = model.randomElement(using: &generator)!
                    let completed = row(held.id, status: Int.random(in: 200...599, using: &generator))
                    #expect(store.upsert(completed))
                    model[model.firstIndex { $0.id == held.id }!] = completed
                } else {
                    next += Int.random(in: 1...3, using: &generator) == 1 ? Int.random(in: 2...5000, using: &generator) : 1
                    #expect(store.upsert(row(next)))
                    model.append(row(next))
                    if model.count > capacity { model.removeFirst(model.count - capacity) }
                }
            }
            let snapshot = store.snapshot()
            #expect(snapshot.map(\.id) == model.map(\.id))
            #expect(snapshot.map { $0.response?.status } == model.map { $0.response?.status })
            for (position, exchange) in model.enumerated() {
                #expect(snapshot.position(ofID: exchange.id) == position)
                #expect(snapshot.position(ofID: exchange.id + 1) == (position + 1 < model.count && model[position + 1].id == exchange.id + 1 ? position + 1 : nil))
            }
        }
    }

    @Test func theRingsLimitsStillHold() {
        let store = CaptureStore(limits: .init(capacity: 3))
        for id in 10...20 { store.upsert(row(id)) }
        #expect(store.snapshot().map(\.id) == [18, 19, 20])
        #expect(store.statistics.evicted == 8)
    }
}

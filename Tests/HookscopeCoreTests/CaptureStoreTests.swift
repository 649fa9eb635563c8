import Dispatch
import Testing
@testable import HookscopeCore

@Suite struct CaptureStoreTests {
    func exchange(body: Int = 0, path: String = "/") -> Exchange {
        Exchange(
            receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "127.0.0.1:1", method: "POST",
            target: path, headers: [HeaderField("Content-Type", "application/json")],
            body: [UInt8](repeating: 0x41, count: body)
        )
    }

    @Test func assignsIncreasingIDsFromOne() {
        let store = CaptureStore()
        let ids = (0..<5).map { _ in store.append(exchange()).id }
        #expect(ids == [1, 2, 3, 4, 5])
        #expect(store.snapshot().map(\.id) == [1, 2, 3, 4, 5])
    }

    @Test func evictsOldestByCount() {
        let store = CaptureStore(limits: .init(capacity: 3, maxBytes: 1 << 30))
        for _ in 0..<10 { store.append(exchange()) }
        let snapshot = store.snapshot()
        #expect(snapshot.map(\.id) == [8, 9, 10])
        #expect(snapshot.statistics.evicted == 7)
        #expect(snapshot.statistics.captured == 10)
        #expect(store.exchange(id: 7) == nil)
        #expect(store.exchange(id: 8)?.id == 8)
    }

    @Test func evictsOldestByBytes() {
        let one = exchange(body: 10_000).approximateByteCount
        let store = CaptureStore(limits: .init(capacity: 1000, maxBytes: one * 4 + one / 2))
        for _ in 0..<10 { store.append(exchange(body: 10_000)) }
        let stats = store.statistics
        #expect(stats.stored == 4)
        #expect(stats.evicted == 6)
        #expect(stats.bytes <= one * 4 + one / 2)
        #expect(store.snapshot().map(\.id) == [7, 8, 9, 10])
    }

    @Test func keepsTheNewestEvenWhenItAloneExceedsTheBudget() {
        let store = CaptureStore(limits: .init(capacity: 10, maxBytes: 1024))
        store.append(exchange(body: 100))
        store.append(exchange(body: 5000))
        #expect(store.snapshot().map(\.id) == [2])
        #expect(store.statistics.evicted == 1)
    }

    @Test func updateCountsResponseBytesAndEvicts() {
        let base = exchange(body: 100).approximateByteCount
        let store = CaptureStore(limits: .init(capacity: 10, maxBytes: base * 2 + 500))
        store.append(exchange(body: 100))
        var second = store.append(exchange(body: 100))
        second.response = ExchangeResponse(status: 200, body: [UInt8](repeating: 1, count: 1000), source: .default, durationMilliseconds: 1)
        #expect(store.update(second))
        #expect(store.snapshot().map(\.id) == [2])
        #expect(store.exchange(id: 2)?.response?.status == 200)
    }

    @Test func updateOfEvictedExchangeReportsFalse() {
        let store = CaptureStore(limits: .init(capacity: 1, maxBytes: 1 << 30))
        let first = store.append(exchange())
        store.append(exchange())
        #expect(!store.update(first))
    }

    @Test func generationChangesOnEveryWrite() {
        let store = CaptureStore()
        let g0 = store.generation
        let stored = store.append(exchange())
        let g1 = store.generation
        store.update(stored)
        let g2 = store.generation
        store.removeAll()
        let g3 = store.generation
        #expect(g0 < g1 && g1 < g2 && g2 < g3)
    }

    @Test func removeAllKeepsIDsIncreasing() {
        let store = CaptureStore()
        store.append(exchange())
        store.append(exchange())
        store.removeAll()
        #expect(store.snapshot().isEmpty)
        #expect(store.append(exchange()).id == 3)
        #expect(store.statistics.cleared == 2)
        #expect(store.statistics.evicted == 0)
    }

    @Test func snapshotIsUnaffectedByLaterWrites() {
        let store = CaptureStore(limits: .init(capacity: 2000, maxBytes: 1 << 30))
        for _ in 0..<1500 { store.append(exchange()) }
        let before = store.snapshot()
        for _ in 0..<1500 { store.append(exchange()) }
        #expect(before.count == 1500)
        #expect(before.first?.id == 1)
        #expect(before.last?.id == 1500)
        let after = store.snapshot()
        #expect(after.count == 2000)
        #expect(after.first?.id == 1001)
        #expect(after.position(ofID: 1001) == 0)
        #expect(after.position(ofID: 3000) == 1999)
        #expect(after.position(ofID: 1000) == nil)
    }

    @Test func evictionAcrossManyChunksKeepsOrder() {
        let store = CaptureStore(limits: .init(capacity: 2500, maxBytes: 1 << 30))
        for _ in 0..<10_000 { store.append(exchange()) }
        let snapshot = store.snapshot()
        #expect(snapshot.count == 2500)
        #expect(Array(snapshot.map(\.id)) == Array(7501...10_000))
    }

    @Test func concurrentWritersWithAReaderLoseNothing() async {
        let store = CaptureStore(limits: .init(capacity: 100_000, maxBytes: 1 << 30))
        let writers = 8, perWriter = 2000
        await withTaskGroup(of: [Int].self) { group in
            for w in 0..<writers {
                group.addTask {
                    var ids: [Int] = []
                    for i in 0..<perWriter {
                        let stored = store.append(exchange(path: "/w\(w)/\(i)"))
                        var done = stored
                        done.response = ExchangeResponse(status: 200, source: .default, durationMilliseconds: 0)
                        store.update(done)
                        ids.append(stored.id)
                    }
                    return ids
                }
            }
            group.addTask {
                // A reader taking snapshots all the while: each must be internally ordered.
                var lastGeneration: UInt64 = 0
                for _ in 0..<200 {
                    let s = store.snapshot()
                    #expect(s.generation >= lastGeneration)
                    lastGeneration = s.generation
                    if let first = s.first, let last = s.last {
                        #expect(last.id - first.id + 1 == s.count)
                    }
                }
                return []
            }
            var all: [Int] = []
            for await ids in group { all += ids }
            #expect(all.count == writers * perWriter)
            #expect(Set(all).count == writers * perWriter)
        }
        let final = store.snapshot()
        #expect(final.count == writers * perWriter)
        #expect(Array(final.map(\.id)) == Array(1...(writers * perWriter)))
        #expect(final.allSatisfy { $0.response?.status == 200 })
        // Each writer's own requests are stored in the order it made them.
        for w in 0..<writers {
            let paths = final.filter { $0.path.hasPrefix("/w\(w)/") }.map(\.path)
            #expect(paths == (0..<perWriter).map { "/w\(w)/\($0)" })
        }
    }
}

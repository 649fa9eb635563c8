import Benchmark
import HookscopeCore

/// The store's append on the capture path, at steady state (full, evicting one per append).
enum StoreBenchmarks {
    static func register() {
        let exchange = Fixtures.exchange(body: Fixtures.jsonBody(size: 1024))
        let store = CaptureStore(limits: .init(capacity: 10_000, maxBytes: 64 * 1024 * 1024))
        for _ in 0..<10_000 { store.append(exchange) }
        Benchmark("Store append + complete, 1 KB, full store", configuration: .init(scalingFactor: .kilo)) { benchmark in
            for _ in benchmark.scaledIterations {
                // What the server does per request: append, then update with the answer.
                let stored = store.append(exchange)
                blackHole(store.update(stored))
            }
        }
        Benchmark("Store snapshot of 10,000 (the UI's per-frame read)", configuration: .init(scalingFactor: .kilo)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(store.snapshot().count)
            }
        }
    }
}

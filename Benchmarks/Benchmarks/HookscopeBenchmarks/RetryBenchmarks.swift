import Benchmark
import HookscopeCore

/// The retry grouper per delivery (#18): a 64 KB delivery with a new delivery id (attempt
/// 1 of its event), and one without an id (grouped by its body's digest). A fresh grouper
/// every 500 deliveries, so the table stays small and the held first bodies within the
/// grouper's default bound: what a burst costs, not a sustained stream (see
/// docs/benchmarks.md, "Issue 18: analysis").
enum RetryBenchmarks {
    static func register() {
        let body = Fixtures.jsonBody(size: 64 * 1024)
        let ids = (0..<500).map { "d-\($0)" }
        for (label, withID) in [("delivery id", true), ("no id", false)] {
            Benchmark("Retry grouping, 64 KB, \(label)", configuration: .init(scalingFactor: .one)) { benchmark in
                var grouper = RetryGrouper()
                var exchange = Fixtures.exchange(body: body)
                exchange.analysis.provider = withID ? "github" : nil
                var next = 0
                for _ in benchmark.scaledIterations {
                    if next == ids.count {
                        grouper = RetryGrouper()
                        next = 0
                    }
                    var delivery = exchange
                    if withID { delivery.analysis.deliveryID = ids[next] }
                    next += 1
                    grouper.assign(&delivery)
                    blackHole(delivery)
                }
            }
        }
    }
}

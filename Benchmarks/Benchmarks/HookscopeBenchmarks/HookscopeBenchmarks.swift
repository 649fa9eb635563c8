import Benchmark

/// Entry point for package-benchmark: registers every suite. The budgets they are read
/// against are in docs/benchmarks.md (list frame of 100,000 entries < 2 ms, verification
/// of a 1 KB body < 5 µs).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .instructions],
        timeUnits: .microseconds,
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )
    StoreBenchmarks.register()
    SignatureBenchmarks.register()
    RetryBenchmarks.register()
    TextBenchmarks.register()
    RenderBenchmarks.register()
}

import Benchmark
import HookscopeCore

/// The sanitizer every byte from the network passes before a terminal, and the JSON Lines
/// encoder behind --json and --save.
enum TextBenchmarks {
    static func register() {
        let plain = Fixtures.jsonBody(size: 1024 * 1024)
        // Hostile text: escapes, bidi overrides, invalid UTF-8 and wide characters mixed in.
        var hostile: [UInt8] = []
        let piece = Array("ok \u{1b}[31mred\u{1b}[0m \u{202e}evil\u{202c} 世界 ".utf8) + [0xff, 0xfe, 0x0a]
        while hostile.count < 1024 * 1024 { hostile += piece }
        for (label, bytes) in [("plain JSON", plain), ("hostile text", hostile)] {
            Benchmark("Sanitize 1 MB \(label)", configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal])) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(TerminalSafeText.string(bytes: bytes))
                }
            }
        }
        for (label, size) in [("1 KB", 1024), ("64 KB", 64 * 1024), ("1 MB", 1024 * 1024)] {
            let exchange = Fixtures.exchange(body: Fixtures.jsonBody(size: size))
            Benchmark("JSON Lines encode, \(label) body", configuration: .init(scalingFactor: size > 64 * 1024 ? .one : .kilo)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(ExchangeJSONLines.encode(exchange))
                }
            }
        }
        let summary = Fixtures.exchange(body: Fixtures.jsonBody(size: 1024))
        Benchmark("Summary line (headless output), 1 KB", configuration: .init(scalingFactor: .kilo)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(ExchangeSummaryLine.format(summary))
            }
        }
    }
}

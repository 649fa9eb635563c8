import HookscopeCore

/// Renders list frames over a large store and reports the time per frame: the budget is
/// 2 ms for a 100,000-entry list. Not a test (timings vary by machine); run it with
/// `hookscope bench-render` in a release build (scripts/bench-render).
public enum RenderBenchmark {
    public struct Report: Sendable {
        public var entries: Int
        public var frames: Int
        public var width: Int
        public var height: Int
        public var millisecondsPerFrame: Double
        public var millisecondsPerFilteredFrame: Double
        public var millisecondsToFilterAll: Double

        public var text: String {
            """
            render \(entries) entries at \(width)x\(height), \(frames) frames:
              list, scrolling:          \(format(millisecondsPerFrame)) ms/frame
              list, filter active:      \(format(millisecondsPerFilteredFrame)) ms/frame
              filter the whole store:   \(format(millisecondsToFilterAll)) ms (once per filter change)
            """
        }

        private func format(_ value: Double) -> String {
            let thousandths = Int((value * 1000).rounded())
            let fraction = String(thousandths % 1000)
            return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
        }
    }

    public static func run(entries: Int = 100_000, frames: Int = 300, width: Int = 120, height: Int = 40) -> Report {
        let store = CaptureStore(limits: .init(capacity: entries, maxBytes: Int.max / 2))
        let start = Timestamp.now()
        let marks = SignatureVerdict.Status.allCases
        for index in 0..<entries {
            store.append(Exchange(
                receivedAt: Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + Int64(index) * 1_000_000),
                remote: "127.0.0.1:50000", method: "POST", target: "/hooks/provider-\(index % 7)?n=\(index)",
                headers: [HeaderField("Content-Type", "application/json")],
                body: Array(#"{"id":\#(index),"event":"deals.created"}"#.utf8),
                analysis: ExchangeAnalysis(provider: "teamwork", event: "deals.created", signature: SignatureVerdict(status: marks[index % marks.count]), attempt: 1 + index % 3),
                response: ExchangeResponse(status: index % 10 == 0 ? 500 : 200, source: .default, durationMilliseconds: 0.4)
            ))
        }
        var state = AppState(size: TerminalSize(width: width, height: height), header: HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200"))
        _ = state.update(.storeChanged(store.snapshot()))
        let size = state.size
        let scrolling = measure(frames: frames) { frame in
            _ = state.update(.key(frame % 2 == 0 ? .pageUp : .up))
            return Renderer.render(state, size: size).cells.count
        }
        let filterStart = MonotonicInstant.now()
        let index = FilterIndex(query: .parse("status:5xx"), snapshot: store.snapshot())
        let filterAll = filterStart.milliseconds(until: .now())
        precondition(index.count == entries / 10)
        var filtered = state
        _ = filtered.update(.key(.character("/")))
        for character in "status:5xx" { _ = filtered.update(.key(.character(character))) }
        _ = filtered.update(.key(.enter))
        let withFilter = measure(frames: frames) { frame in
            _ = filtered.update(.key(frame % 2 == 0 ? .pageUp : .up))
            return Renderer.render(filtered, size: size).cells.count
        }
        return Report(entries: entries, frames: frames, width: width, height: height,
                      millisecondsPerFrame: scrolling, millisecondsPerFilteredFrame: withFilter, millisecondsToFilterAll: filterAll)
    }

    private static func measure(frames: Int, _ body: (Int) -> Int) -> Double {
        var sink = 0
        let start = MonotonicInstant.now()
        for frame in 0..<frames { sink &+= body(frame) }
        let elapsed = start.milliseconds(until: .now())
        precondition(sink > 0)
        return elapsed / Double(max(1, frames))
    }
}

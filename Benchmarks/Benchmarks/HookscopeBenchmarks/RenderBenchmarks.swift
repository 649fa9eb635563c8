import Benchmark
import HookscopeCore
import HookscopeTUI

/// Frames of the terminal UI (rendered into a cell grid; curses only copies the grid out).
enum RenderBenchmarks {
    static let size = TerminalSize(width: 120, height: 40)

    static func register() {
        let store = CaptureStore(limits: .init(capacity: 100_000, maxBytes: Int.max / 2))
        let marks = SignatureVerdict.Status.allCases
        for index in 0..<100_000 {
            var exchange = Fixtures.exchange(body: Array(#"{"id":\#(index),"event":"deals.created"}"#.utf8))
            exchange.target = "/hooks/provider-\(index % 7)?n=\(index)"
            exchange.analysis = ExchangeAnalysis(provider: "teamwork", event: "deals.created", signature: SignatureVerdict(status: marks[index % marks.count]), attempt: 1 + index % 3)
            // One row in ten failed, so that `status:5xx` has something to find.
            if index % 10 == 0 { exchange.response?.status = 500 }
            store.append(exchange)
        }
        var list = AppState(size: size, header: HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200"))
        _ = list.update(.storeChanged(store.snapshot()))
        Benchmark("List frame, 100,000 entries (scrolling)") { benchmark in
            for frame in benchmark.scaledIterations {
                _ = list.update(.key(frame % 2 == 0 ? .pageUp : .up))
                blackHole(Renderer.render(list, size: size))
            }
        }
        Benchmark("List frame after a store change, 100,000 entries (following)") { benchmark in
            var following = list
            _ = following.update(.key(.end))
            let snapshot = store.snapshot()
            for _ in benchmark.scaledIterations {
                _ = following.update(.storeChanged(snapshot))
                blackHole(Renderer.render(following, size: size))
            }
        }
        // Moved here from the product's hidden `bench-render` command: a filter's cost once
        // per change (the whole store), then per frame while it is active.
        Benchmark("Filter the whole store, 100,000 entries (status:5xx, once per filter change)", configuration: .init(maxIterations: 50)) { benchmark in
            let snapshot = store.snapshot()
            for _ in benchmark.scaledIterations {
                blackHole(FilterIndex(query: .parse("status:5xx"), snapshot: snapshot).matchedIDs.count)
            }
        }
        var filtered = list
        _ = filtered.update(.key(.character("/")))
        for character in "status:5xx" { _ = filtered.update(.key(.character(character))) }
        _ = filtered.update(.key(.enter))
        Benchmark("List frame, 100,000 entries (scrolling, filter active)") { benchmark in
            for frame in benchmark.scaledIterations {
                _ = filtered.update(.key(frame % 2 == 0 ? .pageUp : .up))
                blackHole(Renderer.render(filtered, size: size))
            }
        }

        let big = CaptureStore()
        big.append(Fixtures.exchange(body: Fixtures.jsonBody(size: 1024 * 1024)))
        var closed = AppState(size: size, header: HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200"))
        _ = closed.update(.storeChanged(big.snapshot()))
        Benchmark("Detail of a 1 MB JSON body: open (pretty-print, wrap) + first frame", configuration: .init(maxIterations: 50)) { benchmark in
            for _ in benchmark.scaledIterations {
                var state = closed
                _ = state.update(.key(.enter))
                blackHole(Renderer.render(state, size: size))
            }
        }
        var open = closed
        _ = open.update(.key(.enter))
        Benchmark("Detail of a 1 MB JSON body: frame while scrolling") { benchmark in
            for frame in benchmark.scaledIterations {
                _ = open.update(.key(frame % 2 == 0 ? .pageDown : .pageUp))
                blackHole(Renderer.render(open, size: size))
            }
        }
    }
}

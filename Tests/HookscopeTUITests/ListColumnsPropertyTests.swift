import HookscopeCore
import Testing
@testable import HookscopeTUI

/// #12 point 15: at 40x8 the header read `PATHS` and a row `503intercept`. Whatever the
/// width and whatever a row holds (long methods, sizes, durations, attempt numbers, the
/// words for intercepted, timed-out and hung-up answers, pending requests), each column
/// stays inside its own span: the column between two spans is always blank.
@Suite struct ListColumnsPropertyTests {
    /// Seeded, so a failure names a round that can be run again.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let methods = ["GET", "POST", "PROPFIND", "M-SEARCH", "VERYLONGMETHODNAME"]
    static let sizes = [0, 999, 1_023_999, 1_048_000, 999_999_999, 1_073_000_000_000]
    static let durations = [0.3, 12, 999.9, 9_999.9, 99_999_999.0]
    static let sources: [ExchangeResponse.Source] = [.default, .intercept, .timeout, .disconnected, .forward, .rule]

    func exchange(_ random: inout Random) -> Exchange {
        var exchange = Fixtures.exchange(
            method: Self.methods.randomElement(using: &random)!,
            target: "/" + String(repeating: "segment/", count: Int.random(in: 0...20, using: &random)),
            provider: Bool.random(using: &random) ? "gitproductivity" : nil, event: "a.rather.long.event.name",
            signature: SignatureVerdict(status: [.valid, .invalid, .expired, .malformed, .noSecret, .unsigned].randomElement(using: &random)!),
            attempt: [1, 2, 37, 12_345].randomElement(using: &random)!,
            status: [200, 503, 999, nil].randomElement(using: &random)!,
            pending: Int.random(in: 0..<6, using: &random) == 0,
            duration: Self.durations.randomElement(using: &random)!
        )
        exchange.bodySize = Self.sizes.randomElement(using: &random)!
        exchange.response?.source = Self.sources.randomElement(using: &random)!
        if Int.random(in: 0..<5, using: &random) == 0 { exchange.replayOf = 3 }
        return exchange
    }

    @Test func columnsNeverRunIntoEachOther() {
        var random = Random(state: 12)
        for round in 0..<300 {
            let width = round < 181 ? 40 + round : Int.random(in: 40...400, using: &random)
            let height = Int.random(in: 8...30, using: &random)
            let store = CaptureStore()
            var exchanges: [Exchange] = []
            for _ in 0..<max(1, height - 3) {
                let made = exchange(&random)
                store.append(made)
                exchanges.append(made)
            }
            var state = Fixtures.state(store, width: width, height: height, unicode: Bool.random(using: &random))
            // The pending ones are intercepted, waiting with a deadline.
            let ids = store.snapshot().map(\.id)
            let waiting = zip(ids, exchanges).filter { $0.1.response == nil }.map {
                PendingAnswer(id: $0.0, deadline: Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + 86_400_000_000_000))
            }
            _ = state.update(.pendingChanged(waiting))
            _ = state.update(.key(.character("g")))
            let grid = Renderer.render(state, size: state.size)
            let columns = ListColumns(width: width)
            let layout = state.layout
            let spans = [columns.method, columns.path] + [columns.source].compactMap { $0 }
                + [columns.signature, columns.attempt, columns.status, columns.size]
            let visible = state.list
            for y in [layout.headingRow] + Array(layout.bodyTop..<(layout.bodyTop + min(layout.bodyHeight, visible.count))) {
                var gaps = spans.map { $0.x - 1 }
                // Intercepted, timed-out or hung-up rows, and pending ones, name that across
                // size and duration: a single cell; the gap before duration is theirs.
                if let duration = columns.duration, y == layout.headingRow || visible[y - layout.bodyTop].response?.source == .default {
                    gaps.append(duration.x - 1)
                }
                for x in gaps where x < grid.width {
                    #expect(grid[x, y].text == " ", "round \(round), \(width)x\(height), row \(y), column \(x): '\(grid.line(y))'")
                }
                #expect(columns.size.end <= width, "\(width): the last column runs off the screen")
            }
        }
    }
}

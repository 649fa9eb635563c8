import HookscopeCore
import Testing
@testable import HookscopeTUI

/// The shared store's state in the top bar (`listen --store`, or HOOKSCOPE_STORE, or the
/// config file's `store:`): always there while a store is used, plain while all is well,
/// as an alert while it is not (review M7).
@Suite struct TopBarStoreTests {
    func top(store: String?, well: Bool) -> (text: String, style: CellStyle?) {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 140)
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200", store: store, storeIsWell: well)))
        let grid = Renderer.render(state, size: state.size)
        let text = grid.line(0)
        guard let store, let range = text.range(of: store) else { return (text, nil) }
        return (text, grid[text.distance(from: text.startIndex, to: range.lowerBound), 0].style)
    }

    @Test func aWellStoreIsShownPlainly() {
        let (text, style) = top(store: "store: connected", well: true)
        #expect(text.contains("answer 200   store: connected "), "\(text)")
        #expect(style == Palette.topBar)
    }

    @Test func troubleIsAnAlert() {
        let (text, style) = top(store: "store: writes refused, 3 waiting (permission denied for table hookscope_exchanges)", well: false)
        #expect(text.contains("store: writes refused, 3 waiting (permission denied"), "\(text)")
        #expect(style == Palette.intercept)
    }

    /// An attached client's bar at 80 columns: its store URL and plan filled the row, and
    /// `store: reconnecting` was cut off entirely. Now the address gives way.
    @Test func troubleStaysInSightOnANarrowAttachedBar() {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 80)
        let trouble = "store: reconnecting (the database did not answer within 10 s)"
        _ = state.update(.headerChanged(HeaderInfo(
            url: "postgres://hookscope:***@localhost:55439/hooks", responseMode: "attached · listeners' own plan", store: trouble)))
        let grid = Renderer.render(state, size: state.size)
        let text = grid.line(0)
        #expect(text.hasPrefix(" hookscope  postgres://hookscope:***"), "\(text)")
        let range = try? #require(text.range(of: "store: reconnecting (the database"), "\(text)")
        if let range {
            #expect(grid[text.distance(from: text.startIndex, to: range.lowerBound), 0].style == Palette.intercept)
        }
        #expect(text.hasSuffix("…"), "cut where the row ends, and said so: \(text)")
    }

    @Test func withoutAStoreNothingIsSaid() {
        #expect(!top(store: nil, well: false).text.contains("store"))
    }
}

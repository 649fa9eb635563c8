import HookscopeCore
@testable import HookscopeTUI
import Testing

/// Faults that last (lines not saved, connections refused) are words in the top bar.
@Suite struct AlertsScreenTests {
    @Test func theTopBarSaysHowManyExchangesWereNotSaved() {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 120)
        #expect(!Fixtures.render(state)[0].contains("not saved"))
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200", alerts: ["3 not saved"])))
        let top = Fixtures.render(state)[0]
        #expect(top.contains("answer 200   3 not saved "), "\(top)")
    }
}

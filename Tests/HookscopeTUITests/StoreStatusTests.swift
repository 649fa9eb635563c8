@testable import HookscopeTUI
import Testing

/// The shared store's trouble is said in the top bar, in words, and only while there is some.
@Suite struct StoreStatusTests {
    @Test func theTopBarSaysTheStoreIsReconnectingAndHowManyWait() {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 120, height: 20)
        #expect(!Fixtures.render(state)[0].contains("store:"))
        state.header.store = "store: reconnecting, 12 waiting, 3 lost"
        let top = Fixtures.render(state)[0]
        #expect(top.contains(" store: reconnecting, 12 waiting, 3 lost "))
        #expect(top.contains("6 captured"))
    }
}

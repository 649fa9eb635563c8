import HookscopeCore
import Testing
@testable import HookscopeTUI

/// Deliveries forwarded through the shared store (`attach --forward`), as an attached UI
/// shows them: its own are marked "by you" in the list and the Response tab, and the
/// Response tab gives the whole round trip beside the app's part.
@Suite struct RemoteForwardScreenTests {
    static let mine = "0b6f4c1e-0000-4000-8000-000000000001"
    static let theirs = "0b6f4c1e-0000-4000-8000-000000000002"

    /// Relayed from the app of `forwarder`, all run by ana@laptop (one person, two sessions).
    static func remote(_ forwarder: String, seconds: Double) -> Exchange {
        var exchange = ForwardFixtures.relayed(seconds: seconds)
        exchange.upstream?.forwardedBy = "ana@laptop"
        exchange.upstream?.forwarder = forwarder
        exchange.upstream?.roundTripMilliseconds = 14.2
        return exchange
    }

    static func state(unicode: Bool = true) -> AppState {
        let store = CaptureStore()
        store.append(remote(mine, seconds: 0))
        store.append(remote(theirs, seconds: 1))
        var state = Fixtures.state(store, unicode: unicode)
        state.header.ownForwarder = mine
        return state
    }

    @Test func theListMarksOnlyThisUIsOwnForwards() {
        let lines = Fixtures.render(Self.state())
        #expect(lines[2] == " 19:05:02.123 POST   /hooks/productive by you productive dea… ✓ valid          200     11 B  3.1 ms")
        #expect(lines[3] == " 19:05:03.123 POST   /hooks/productive productive deal.creat… ✓ valid          200     11 B  3.1 ms")
        // Without a forwarder of its own (another attached UI, a listener) nothing is "by you".
        var other = Self.state()
        other.header.ownForwarder = nil
        #expect(!Fixtures.render(other).joined().contains("by you"))
    }

    @Test func theResponseTabSaysWhoForwardedAndTheRoundTrip() {
        let state = Self.state()
        let mine = ResponseDocument.lines(Self.remote(Self.mine, seconds: 0), state: state, width: 100).map(\.text)
        #expect(Array(mine.prefix(5)) == [
            "Forwarded to http://127.0.0.1:3000/hooks/productive by you (ana@laptop) through the store: the sender got your app's answer, relayed",
            "Round trip 14 ms listener → database → laptop → app → back, of which the app 2.8 ms",
            "",
            "Status    200  (forward)",
            "Took      3.1 ms from the request's last byte to the answer; your app took 2.8 ms",
        ])
        // The detail screen shows the same document.
        var opened = state
        Fixtures.press([.enter, .character("3")], on: &opened)
        #expect(Fixtures.render(opened).contains { $0.hasPrefix("Round trip 14 ms listener → database") })
        let theirs = ResponseDocument.lines(Self.remote(Self.theirs, seconds: 1), state: state, width: 100).map(\.text)
        #expect(theirs[0] == "Forwarded to http://127.0.0.1:3000/hooks/productive by ana@laptop through the store: the sender got your app's answer, relayed")
        let ascii = ResponseDocument.lines(Self.remote(Self.mine, seconds: 0), state: Self.state(unicode: false), width: 100).map(\.text)
        #expect(ascii[1] == "Round trip 14 ms listener -> database -> laptop -> app -> back, of which the app 2.8 ms")
    }
}

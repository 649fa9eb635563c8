import HookscopeCore
import Testing
@testable import HookscopeTUI

/// A delivery read from a smee channel: marked smee in the list, the detail says the relay
/// answered the sender and whether the body is the sender's, the Response tab shows only
/// what the app said (--forward).
@Suite struct RelayScreenTests {
    static func state(exact: Bool, forwarded: Bool) -> AppState {
        var exchange = Fixtures.exchange(target: "/?via=smee", provider: "github", event: "push", status: nil)
        exchange.relay = ExchangeRelay(kind: "smee", channelURL: "https://smee.io/AbC123", bodyIsExact: exact)
        exchange.response = ExchangeResponse(status: nil, source: .relay, durationMilliseconds: 0.2)
        if forwarded {
            exchange.upstream = UpstreamResponse(url: "http://localhost:3000/?via=smee", status: 204, durationMilliseconds: 1.5, route: "default")
        }
        let store = CaptureStore(limits: .init(capacity: 10, maxBytes: 1 << 20))
        store.append(exchange)
        return Fixtures.state(store, width: 120)
    }

    @Test func theListSaysSmeeAndTheDetailSaysWhatTheRelayCannotDo() {
        var state = Self.state(exact: false, forwarded: false)
        let list = Fixtures.render(state)
        let row = list.first { $0.contains("/?via=smee") } ?? ""
        #expect(row.contains("smee github push"), "\(row)")
        #expect(row.contains("---"), "\(row)")
        Fixtures.press([.enter], on: &state)
        let request = Fixtures.render(state).joined(separator: "\n")
        #expect(request.contains("source: smee"))
        #expect(request.contains("smee answered the sender itself, so hookscope's answer does not reach"))
        #expect(request.contains("not the sender's bytes (the event has no rawdata)"))
        Fixtures.press([.character("3")], on: &state)
        let response = Fixtures.render(state).joined(separator: "\n")
        #expect(response.contains("smee answered the sender itself: hookscope's answer does not reach it through the relay"))
        #expect(!response.contains("Forwarded to"))
    }

    @Test func anExactForwardedDeliveryShowsTheAppsAnswer() {
        var state = Self.state(exact: true, forwarded: true)
        Fixtures.press([.enter], on: &state)
        #expect(Fixtures.render(state).joined(separator: "\n").contains("the body is the sender's bytes (rawdata)"))
        Fixtures.press([.character("3")], on: &state)
        let response = Fixtures.render(state).joined(separator: "\n")
        #expect(response.contains("Forwarded to http://localhost:3000/?via=smee"))
        #expect(response.contains("204"))
    }
}

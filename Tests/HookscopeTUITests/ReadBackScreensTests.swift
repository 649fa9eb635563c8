import Foundation
import HookscopeCore
import Testing
@testable import HookscopeTUI

/// What the screen shows of an exchange is what it shows after the exchange went through
/// a save file (`--save` or `w`, then `--load`; the store's rows are the same lines), a
/// HAR archive (`x`, then `--load`), or one and then the other: the list's row and each
/// tab of the detail. Two losses are by design and not here: the app's headers and body
/// of a forward the sender did not get (said "not recorded", UnrecordedAnswerScreenTests),
/// and a replay's link to its original (the ids of a loaded file are new).
@Suite struct ReadBackScreensTests {
    /// The list's first rows and the four tabs, 140 columns wide.
    static func screens(_ exchange: Exchange) -> [[String]] {
        let store = CaptureStore()
        store.append(exchange)
        var state = Fixtures.state(store, width: 140, height: 40)
        var screens = [Array(Fixtures.render(state).prefix(4))]
        Fixtures.press([.enter], on: &state)
        for tab: Character in ["1", "2", "3", "4"] {
            var detail = state
            Fixtures.press([.character(tab)], on: &detail)
            screens.append(Fixtures.render(detail))
        }
        return screens
    }

    static func routed(_ exchange: Exchange) -> Exchange {
        var exchange = exchange
        exchange.upstream?.route = "default"
        return exchange
    }

    static var cases: [(String, Exchange)] {
        var cases = Fixtures.mixedStore().snapshot().map { ("\($0.method) \($0.target) \($0.response?.status ?? 0)", $0) }
        cases.append(("relayed forward", routed(ForwardFixtures.relayed())))
        cases.append(("app down", routed(ForwardFixtures.appDown())))
        cases.append(("app slow", routed(ForwardFixtures.appSlow())))
        var remote = ForwardFixtures.relayed()
        remote.upstream?.route = "remote"
        remote.upstream?.forwardedBy = "ana@laptop"
        remote.upstream?.forwarder = "0b6f4c1e-0000-4000-8000-000000000001"
        remote.upstream?.roundTripMilliseconds = 14.2
        cases.append(("forwarded through the store", remote))
        var smee = Fixtures.exchange(target: "/?x=1")
        smee.relay = ExchangeRelay(kind: "smee", host: "smee.io", channelTag: "abcd1234", bodyIsExact: false)
        smee.response = ExchangeResponse(status: nil, source: .relay, durationMilliseconds: 0)
        cases.append(("smee", smee))
        var old = Fixtures.exchange(target: "/old", headers: [])
        old.httpVersion = "HTTP/1.0"
        cases.append(("HTTP/1.0 without Host", old))
        cases.append(("OPTIONS *", Fixtures.exchange(method: "OPTIONS", target: "*", headers: [HeaderField("Host", "127.0.0.1:8080")], body: "")))
        var binary = Fixtures.exchange(target: "/bin", bodyBytes: [0x00, 0x01, 0xFF, 0x1B])
        binary.bodySize = 2_000_000
        binary.bodyTruncated = true
        cases.append(("truncated binary", binary))
        return cases
    }

    @Test func theScreensAreTheSameAfterASaveFileAndHAR() throws {
        for (name, exchange) in Self.cases {
            let live = Self.screens(exchange)
            let saved = try ExchangeJSONLines.decode(ExchangeJSONLines.encode(exchange))
            let archived = try #require(HARImport.decode(HARExport.encode([exchange])).exchanges.first)
            let readBacks = [
                ("save file", saved),
                ("HAR", archived),
                ("save file, then HAR", try #require(HARImport.decode(HARExport.encode([saved])).exchanges.first)),
                ("HAR, then save file", try ExchangeJSONLines.decode(ExchangeJSONLines.encode(archived))),
            ]
            for (way, readBack) in readBacks {
                for (screen, (shown, shownAfter)) in zip(live, Self.screens(readBack)).enumerated() {
                    let line = shown.indices.first { $0 >= shownAfter.count || shown[$0] != shownAfter[$0] }
                    #expect(line == nil, "\(name) through a \(way), screen \(screen): \(line.map { "\"\(shown[$0])\" became \"\($0 < shownAfter.count ? shownAfter[$0] : "")\"" } ?? "")")
                }
            }
        }
    }
}

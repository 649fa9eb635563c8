import HookscopeCore
import Testing
@testable import HookscopeTUI

/// Forwarded deliveries read back from a save file (`--load`) or from the store (`attach`):
/// the JSON Lines' `forward` object carries the app's status and timing but not its headers
/// and body, which a relayed answer stores once, as the answer's. The Response tab must
/// still say the sender got the app's answer, relayed, and show it once, with its headers
/// (bug B2: it showed the app's section with "(no headers)" and "── no body ──").
@Suite struct ReadBackForwardScreenTests {
    static let top100 = " hookscope  http://127.0.0.1:8080  answer 200                1 captured · 1 shown · 0 evicted · -/s"

    /// `exchange` as `--save` then `--load` (or the store's row, whose JSON is the same
    /// line with the answer's bytes in columns of their own) give it back.
    static func readBack(_ exchange: Exchange) throws -> Exchange {
        try ExchangeJSONLines.decode(ExchangeJSONLines.encode(exchange))
    }

    /// A local `--forward` along the plain (default) route, as the listener records it.
    static func localForward() -> Exchange {
        var exchange = ForwardFixtures.relayed()
        exchange.upstream?.route = "default"
        return exchange
    }

    /// Forwarded through the store by ana@laptop's `attach --forward`.
    static func tunnelForward() -> Exchange {
        var exchange = localForward()
        exchange.upstream?.forwardedBy = "ana@laptop"
        exchange.upstream?.forwarder = RemoteForwardScreenTests.theirs
        exchange.upstream?.roundTripMilliseconds = 14.2
        return exchange
    }

    static func responseTab(_ exchange: Exchange) -> AppState {
        let store = CaptureStore()
        store.append(exchange)
        var state = Fixtures.state(store)
        Fixtures.press([.enter, .character("3")], on: &state)
        return state
    }

    @Test func theRecordKeepsTheAnswerButNotTheAppsCopyOfIt() throws {
        // What the screen has to work with: the app's status and the answer's content.
        let back = try Self.readBack(Self.tunnelForward())
        #expect(back.response == Self.tunnelForward().response)
        #expect(back.upstream?.status == 200)
        #expect(back.upstream?.forwardedBy == "ana@laptop")
        #expect(back.upstream?.headers == [])
        #expect(back.upstream?.body == [])
    }

    @Test func aSavedLocalForwardIsShownRelayedOnce() throws {
        let lines = Fixtures.render(Self.responseTab(try Self.readBack(Self.localForward())))
        expectScreen(lines, top: """
        \(Self.top100)
         1 Request   2 Signature   3 Response   4 Attempts    #1 ✓
        Forwarded to http://127.0.0.1:3000/hooks/productive: the sender got your app's answer, relayed

        Status    200  (forward)
        Took      3.1 ms from the request's last byte to the answer; your app took 2.8 ms

        Content-Type: application/json
        Via: 1.1 hookscope

        ── body · 17 B · pretty JSON (m: next view) ──
        {
          "received": true
        }
        """, hints: Hints.detail100)
        // The same screen as before the round trip.
        #expect(lines == Fixtures.render(Self.responseTab(Self.localForward())))
    }

    @Test func aStoredTunnelForwardSaysWhoForwardedItThroughTheStore() throws {
        let lines = Fixtures.render(Self.responseTab(try Self.readBack(Self.tunnelForward())))
        expectScreen(lines, top: """
        \(Self.top100)
         1 Request   2 Signature   3 Response   4 Attempts    #1 ✓
        Forwarded to http://127.0.0.1:3000/hooks/productive by ana@laptop through the store: the sender got
        your app's answer, relayed
        Round trip 14 ms listener → database → laptop → app → back, of which the app 2.8 ms

        Status    200  (forward)
        Took      3.1 ms from the request's last byte to the answer; your app took 2.8 ms

        Content-Type: application/json
        Via: 1.1 hookscope

        ── body · 17 B · pretty JSON (m: next view) ──
        {
          "received": true
        }
        """, hints: Hints.detail100)
        #expect(!lines.contains { $0.contains("(no headers)") || $0.contains("no body") || $0.contains("your app ──") })
    }

    @Test func anOverriddenForwardStillShowsBothSidesAfterTheRoundTrip() throws {
        // Relayed is what the record says (source `forward`), never guessed from a status
        // that happens to match: a rule's 200 over the app's 200 keeps the app's section.
        var overridden = ForwardFixtures.overridden(seconds: 0)
        overridden.upstream?.route = "default"
        overridden.response?.status = 200
        let lines = Fixtures.render(Self.responseTab(try Self.readBack(overridden)))
        #expect(lines[2] == "Sender got 200 (rule) · your app said 200")
        #expect(lines.contains("── your app ──"))
    }
}

import HookscopeCore
import Testing
@testable import HookscopeTUI

/// Forward and replay on the detail screen: the Response tab shows what the sender got
/// beside what the app answered, the Request tab names a replay's original.
@Suite struct ForwardScreenTests {
    static let top100 = " hookscope  http://127.0.0.1:8080  answer 200                6 captured · 6 shown · 0 evicted · -/s"

    @Test func relayedAnswerIsShownOnceAt100x30() {
        expectScreen(Fixtures.render(ForwardFixtures.detail(1, tab: "3")), top: """
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
    }

    @Test func overriddenAnswerShowsBothSidesAt100x30() {
        let state = ForwardFixtures.detail(2, tab: "3")
        expectScreen(Fixtures.render(state), top: """
        \(Self.top100)
         1 Request   2 Signature   3 Response   4 Attempts    #2 ✓
        Sender got 503 (rule) · your app said 200

        Status    503  (rule)
        Took      0.3 ms from the request's last byte to the answer

        Retry-After: 30

        ── body · 9 B · raw text (m: next view) ──
        try later

        ── your app ──
        Sent to   http://127.0.0.1:3000/hooks/productive
        Status    200
        Took      2.8 ms from sending to the answer's last byte

        Content-Type: application/json

        ── body · 17 B · pretty JSON (m: next view) ──
        {
          "received": true
        }
        """, hints: Hints.detail100)
        // The two statuses are coloured as what they are: an error for the sender, a
        // success from the app.
        let grid = Renderer.render(state, size: state.size)
        #expect(grid[11, 2].style.foreground == .red)
        #expect(grid[38, 2].style.foreground == .green)
        #expect(grid[10, 14].style.foreground == .green)
    }

    @Test func overriddenAnswerAt60x15ScrollsToTheAppSection() {
        var state = ForwardFixtures.detail(2, tab: "3", width: 60, height: 15)
        expectScreen(Fixtures.render(state), top: """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
         1 Req   2 Sig   3 Resp   4 Tries    #2 ✓              11/21
        Sender got 503 (rule) · your app said 200

        Status    503  (rule)
        Took      0.3 ms from the request's last byte to the answer

        Retry-After: 30

        ── body · 9 B · raw text (m: next view) ──
        try later

        ── your app ──
        """, hints: Hints.detail60)
        Fixtures.press(Array(repeating: .down, count: 10), on: &state)
        expectScreen(Fixtures.render(state), top: """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
         1 Req   2 Sig   3 Resp   4 Tries    #2 ✓              21/21
        ── your app ──
        Sent to   http://127.0.0.1:3000/hooks/productive
        Status    200
        Took      2.8 ms from sending to the answer's last byte

        Content-Type: application/json

        ── body · 17 B · pretty JSON (m: next view) ──
        {
          "received": true
        }
        """, hints: Hints.detail60)
    }

    @Test func appThatCouldNotBeReachedIsAnErrorInWords() {
        let state = ForwardFixtures.detail(3, tab: "3")
        expectScreen(Fixtures.render(state), top: """
        \(Self.top100)
         1 Request   2 Signature   3 Response   4 Attempts    #3 ✓
        Sender got 502 (error) · no answer from your app

        Status    502  (error)
        Took      1.3 ms from the request's last byte to the answer

        Content-Type: text/plain; charset=utf-8

        ── body · 100 B · raw text (m: next view) ──
        hookscope: cannot reach the upstream http://127.0.0.1:3000: connection refused; is the app running?

        ── your app ──
        Sent to   http://127.0.0.1:3000/hooks/productive
        Error     cannot connect: connection refused
        Took      1.1 ms from sending to the failure
        """, hints: Hints.detail100)
        let grid = Renderer.render(state, size: state.size)
        #expect(grid[28, 2].style == Palette.error)    // "no answer from your app"
        #expect(grid[10, 14].style == Palette.error)   // the error itself
    }

    @Test func asciiFallbackForTheOverriddenAnswer() {
        let lines = Fixtures.render(ForwardFixtures.detail(2, tab: "3", unicode: false))
        #expect(lines[2] == "Sender got 503 (rule) | your app said 200")
        #expect(lines[12] == "-- your app --")
        #expect(lines[9] == "-- body | 9 B | raw text (m: next view) --")
    }

    @Test func replayNamesItsOriginalOnBothTabs() {
        let request = Fixtures.render(ForwardFixtures.detail(5, tab: "1"))
        #expect(request[3] == "#5 · replay of #1 sent to http://127.0.0.1:3000/hooks/productive · 2026-11-23 19:05:06.123 UTC")
        expectScreen(Fixtures.render(ForwardFixtures.detail(5, tab: "3")), top: """
        \(Self.top100)
         1 Request   2 Signature   3 Response   4 Attempts    #5 ·
        Replay of #1 sent to http://127.0.0.1:3000/hooks/productive

        Status    200
        Took      2.5 ms from sending to the answer's last byte

        Content-Type: application/json

        ── body · 17 B · pretty JSON (m: next view) ──
        {
          "received": true
        }
        """, hints: Hints.detail100)
        expectScreen(Fixtures.render(ForwardFixtures.detail(6, tab: "3", width: 60, height: 15)), top: """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
         1 Req   2 Sig   3 Resp   4 Tries    #6 ·
        Replay of #1 sent to http://127.0.0.1:3000/hooks/productive

        Error     cannot connect: connection refused
        """, hints: Hints.detail60)
        let ascii = Fixtures.render(ForwardFixtures.detail(5, tab: "1", unicode: false))
        #expect(ascii[3] == "#5 | replay of #1 sent to http://127.0.0.1:3000/hooks/productive | 2026-11-23 19:05:06.123 UTC")
    }

    @Test func theAppSectionAppearsWhenTheUpstreamArrivesAfterTheAnswer() {
        // "Forward and override": the rule's answer is recorded first, the app's later.
        let store = CaptureStore()
        var exchange = ForwardFixtures.overridden(seconds: 0)
        exchange.upstream = nil
        let stored = store.append(exchange)
        var state = Fixtures.state(store)
        Fixtures.press([.enter, .character("3")], on: &state)
        #expect(Fixtures.render(state)[2] == "Status    503  (rule)")
        exchange = stored
        exchange.upstream = ForwardFixtures.overridden().upstream
        store.update(exchange)
        _ = state.update(.storeChanged(store.snapshot()))
        #expect(Fixtures.render(state)[2] == "Sender got 503 (rule) · your app said 200")
    }
}

/// `--forward` routes: the Response tab names the route that chose the app, except the
/// default route (the plain `--forward URL`).
@Suite struct ForwardRouteNoteTests {
    @Test func theRouteIsNamedWhenItHasConditions() {
        let state = ForwardFixtures.detail(1, tab: "3")
        var relayed = ForwardFixtures.relayed()
        relayed.upstream?.route = "/hooks/** provider=productive"
        #expect(ResponseDocument.lines(relayed, state: state, width: 100)[0].text
            == "Forwarded to http://127.0.0.1:3000/hooks/productive (route /hooks/** provider=productive): the sender got your app's answer, relayed")
        var overridden = ForwardFixtures.overridden()
        overridden.upstream?.route = "POST *"
        #expect(ResponseDocument.lines(overridden, state: state, width: 100).map(\.text).contains("Sent to   http://127.0.0.1:3000/hooks/productive (route POST *)"))
        relayed.upstream?.route = "default"
        #expect(ResponseDocument.lines(relayed, state: state, width: 100)[0].text
            == "Forwarded to http://127.0.0.1:3000/hooks/productive: the sender got your app's answer, relayed")
    }
}

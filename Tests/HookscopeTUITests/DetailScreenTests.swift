import HookscopeCore
import Testing
@testable import HookscopeTUI

@Suite struct DetailScreenTests {
    /// The mixed store with the first (valid, JSON) delivery open.
    func openFirst(width: Int = 100, height: Int = 30) -> AppState {
        var state = Fixtures.state(Fixtures.mixedStore(), width: width, height: height)
        Fixtures.press([.home, .enter], on: &state)
        return state
    }

    func escapeStore() -> CaptureStore {
        let store = CaptureStore()
        store.append(Fixtures.exchange(
            target: "/evil\u{1B}[2J", headers: [HeaderField("X-Title", "\u{1B}]0;owned\u{07}")],
            body: "\u{1B}]0;owned\u{07}\u{1B}[2J\nline two\u{9B}"
        ))
        return store
    }

    func binaryStore() -> CaptureStore {
        let store = CaptureStore()
        store.append(Fixtures.exchange(
            headers: [HeaderField("Content-Type", "application/octet-stream")],
            bodyBytes: (0..<40).map { UInt8($0 * 7 % 256) }
        ))
        return store
    }

    @Test func jsonBodyIsPrettyAt100x30() {
        expectScreen(Fixtures.render(openFirst()), top: """
         hookscope  http://127.0.0.1:8080  answer 200                6 captured · 6 shown · 0 evicted · -/s
         1 Request   2 Signature   3 Response   4 Attempts    #1 ✓
        POST /hooks/productive HTTP/1.1
        #1 · from 127.0.0.1:50000 · 2026-11-23 19:05:02.123 UTC

        Content-Type: application/json

        ── body · 11 B · pretty JSON (m: next view) ──
        {
          "ok": true
        }
        """, hints: Hints.detail100)
    }

    @Test func jsonBodyAt60x15() {
        expectScreen(Fixtures.render(openFirst(width: 60, height: 15)), top: """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
         1 Req   2 Sig   3 Resp   4 Tries    #1 ✓
        POST /hooks/productive HTTP/1.1
        #1 · from 127.0.0.1:50000 · 2026-11-23 19:05:02.123 UTC

        Content-Type: application/json

        ── body · 11 B · pretty JSON (m: next view) ──
        {
          "ok": true
        }
        """, hints: Hints.detail60)
    }

    @Test func jsonKeysAndStringsAreColoured() {
        var state = openFirst()
        let store = CaptureStore()
        store.append(Fixtures.exchange(body: #"{"name":"Acme","n":1}"#))
        state = Fixtures.state(store)
        Fixtures.press([.enter], on: &state)
        let grid = Renderer.render(state, size: state.size)
        #expect(grid.line(9) == #"  "name": "Acme","#)
        #expect(grid[3, 9].style == Palette.jsonKey)
        #expect(grid[11, 9].style == Palette.jsonString)
        #expect(grid[7, 10].style == Palette.jsonNumber)
    }

    @Test func signatureTabExplainsTheVerdict() {
        var state = openFirst()
        Fixtures.press([.down, .character("2")], on: &state)   // down scrolls, 2 picks the tab
        let lines = Fixtures.render(state)
        #expect(Array(lines[1...12]) == [
            " 1 Request   2 Signature   3 Response   4 Attempts    #1 ✓",
            "Status     ✓ valid",
            "Reason     the signature matches the body and the secret",
            "",
            "Provider   productive",
            "Event      deal.created",
            "Delivery   —",
            "Attempt    #1 (first delivery)",
            "",
            "Scheme     hmac-sha256-hex",
            "Header     Productive-Signature",
            "Timestamp  —",
        ])
    }

    @Test func signatureTabShowsTheTimestampAgeWhenTheHeaderCarriesOne() {
        let store = CaptureStore()
        let signedAt = Fixtures.baseTime.nanosecondsSinceEpoch / 1_000_000_000 - 42
        store.append(Fixtures.exchange(
            headers: [HeaderField("Productive-Signature", "t=\(signedAt),s=abc")],
            provider: "productive",
            signature: SignatureVerdict(status: .expired, scheme: "hmac-sha256-hex", header: "Productive-Signature", reason: "signed 42 s before it arrived; tolerance 30 s")
        ))
        var state = Fixtures.state(store)
        Fixtures.press([.enter, .tab], on: &state)
        let lines = Fixtures.render(state)
        #expect(lines.contains("Reason     signed 42 s before it arrived; tolerance 30 s"))
        #expect(lines.contains("Value      t=\(signedAt),s=abc"))
        #expect(lines.contains("Timestamp  \(signedAt) (2026-11-23 19:04:20.000 UTC), 42 s old on arrival"))
    }

    @Test func responseTabShowsTheAnswer() {
        var state = openFirst()
        Fixtures.press([.character("3")], on: &state)
        let lines = Fixtures.render(state)
        #expect(Array(lines[2...10]) == [
            "Status    200  (default)",
            "Took      0.4 ms from the request's last byte to the answer",
            "",
            "Content-Type: application/json",
            "",
            "── body · 17 B · pretty JSON (m: next view) ──",
            "{",
            "  \"captured\": true",
            "}",
        ])
    }

    @Test func binaryBodyOpensInHexAt100x30() {
        var state = Fixtures.state(binaryStore())
        Fixtures.press([.enter], on: &state)
        expectScreen(Fixtures.render(state), top: """
         hookscope  http://127.0.0.1:8080  answer 200                1 captured · 1 shown · 0 evicted · -/s
         1 Request   2 Signature   3 Response   4 Attempts    #1 ·
        POST /hooks HTTP/1.1
        #1 · from 127.0.0.1:50000 · 2026-11-23 19:05:02.123 UTC

        Content-Type: application/octet-stream

        ── body · 40 B · hex (m: next view) ──
        00000000  00 07 0e 15 1c 23 2a 31  38 3f 46 4d 54 5b 62 69  |.....#*18?FMT[bi|
        00000010  70 77 7e 85 8c 93 9a a1  a8 af b6 bd c4 cb d2 d9  |pw~.............|
        00000020  e0 e7 ee f5 fc 03 0a 11                           |........|
        """, hints: Hints.detail100)
    }

    @Test func hexViewAt60x15UsesEightBytesARow() {
        var state = Fixtures.state(binaryStore(), width: 60, height: 15)
        Fixtures.press([.enter], on: &state)
        expectScreen(Fixtures.render(state), top: """
         http://127.0.0.1:8080  answer 200                1/1 · -/s
         1 Req   2 Sig   3 Resp   4 Tries    #1 ·
        POST /hooks HTTP/1.1
        #1 · from 127.0.0.1:50000 · 2026-11-23 19:05:02.123 UTC

        Content-Type: application/octet-stream

        ── body · 40 B · hex (m: next view) ──
        00000000  00 07 0e 15 1c 23 2a 31  |.....#*1|
        00000008  38 3f 46 4d 54 5b 62 69  |8?FMT[bi|
        00000010  70 77 7e 85 8c 93 9a a1  |pw~.....|
        00000018  a8 af b6 bd c4 cb d2 d9  |........|
        00000020  e0 e7 ee f5 fc 03 0a 11  |........|
        """, hints: Hints.detail60)
    }

    @Test func mCyclesTheBodyView() {
        var state = openFirst()
        #expect(Fixtures.render(state)[7].contains("pretty JSON"))
        Fixtures.press([.character("m")], on: &state)
        #expect(state.detail.bodyView == .text)
        #expect(Array(Fixtures.render(state)[7...8]) == ["── body · 11 B · raw text (m: next view) ──", #"{"ok":true}"#])
        Fixtures.press([.character("m")], on: &state)
        #expect(Fixtures.render(state)[8].hasPrefix("00000000  7b 22 6f 6b 22 3a 74 72  75 65 7d"))
        Fixtures.press([.character("m")], on: &state)
        #expect(state.detail.bodyView == .json)
    }

    @Test func bodyWithEscapeSequencesIsTextAt100x30And60x15() {
        for (width, height) in [(100, 30), (60, 15)] {
            var state = Fixtures.state(escapeStore(), width: width, height: height)
            Fixtures.press([.enter], on: &state)
            let grid = Renderer.render(state, size: state.size)
            let lines = grid.lines
            #expect(Array(lines[2...9]) == [
                #"POST /evil\x1b[2J HTTP/1.1"#,
                "#1 · from 127.0.0.1:50000 · 2026-11-23 19:05:02.123 UTC",
                "",
                #"X-Title: \x1b]0;owned\x07"#,
                "",
                "── body · 25 B · raw text (m: next view) ──",
                #"\x1b]0;owned\x07\x1b[2J"#,
                #"line two\u{009b}"#,
            ])
            #expect(grid[0, 8].style == Palette.escape)    // the escape stands out
            #expect(grid[4, 8].style == .plain)            // "]0;owned" is ordinary text
            #expect(grid.cells.allSatisfy { cell in cell.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) } })
        }
    }

    @Test func longLinesWrapAndScrollingStopsAtTheEnd() {
        let store = CaptureStore()
        let body = (1...40).map { "line \($0) " + String(repeating: "x", count: 120) }.joined(separator: "\n")
        store.append(Fixtures.exchange(headers: [HeaderField("Content-Type", "text/plain")], body: body))
        var state = Fixtures.state(store)
        Fixtures.press([.enter], on: &state)
        let lines = Fixtures.render(state)
        #expect(lines[8] == "line 1 " + String(repeating: "x", count: 93))
        #expect(lines[9] == String(repeating: "x", count: 27))
        Fixtures.press([.character("G")], on: &state)
        let rows = DetailDocument.rows(for: state).count
        #expect(state.detail.scroll == rows - state.layout.bodyHeight)
        #expect(Fixtures.render(state)[27] == String(repeating: "x", count: 28))   // "line 40 " is one column longer
        Fixtures.press([.character("j"), .pageDown], on: &state)
        #expect(state.detail.scroll == rows - state.layout.bodyHeight)
        Fixtures.press([.character("g"), .character("k")], on: &state)
        #expect(state.detail.scroll == 0)
    }

    @Test func anEvictedExchangeSaysSo() {
        let store = CaptureStore(limits: .init(capacity: 1))
        store.append(Fixtures.exchange())
        var state = Fixtures.state(store)
        Fixtures.press([.enter], on: &state)
        store.append(Fixtures.exchange(seconds: 1))
        _ = state.update(.storeChanged(store.snapshot()))
        #expect(Fixtures.render(state)[2] == "exchange #1 is no longer stored (evicted or cleared)")
    }

    @Test func theResponseTabFollowsAnAnswerThatArrivesWhileItIsOpen() {
        let store = CaptureStore()
        let pending = store.append(Fixtures.exchange(pending: true))
        var state = Fixtures.state(store)
        Fixtures.press([.enter, .character("3")], on: &state)
        #expect(Fixtures.render(state)[2] == "no answer yet: the request is still being answered")
        var answered = pending
        answered.response = ExchangeResponse(status: 503, source: .default, durationMilliseconds: 2)
        store.update(answered)
        _ = state.update(.storeChanged(store.snapshot()))
        #expect(Fixtures.render(state)[2] == "Status    503  (default)")
        #expect(state.detailCache?.rows.map(\.text) == DetailDocument.rows(for: state).map(\.text))
    }
}

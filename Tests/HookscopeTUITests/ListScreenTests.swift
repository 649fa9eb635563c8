import HookscopeCore
import Testing
@testable import HookscopeTUI

@Suite struct ListScreenTests {
    @Test func listWithEverySignatureMarkAt100x30() {
        let state = Fixtures.state(Fixtures.mixedStore())
        expectScreen(Fixtures.render(state), top: """
         hookscope  http://127.0.0.1:8080  answer 200                6 captured · 6 shown · 0 evicted · -/s
         TIME         METHOD PATH              PROVIDER EVENT         SIGNATURE   TRY CODE     SIZE    TOOK
         19:05:02.123 POST   /hooks/productive productive deal.creat… ✓ valid          200     11 B  0.4 ms
         19:05:03.123 POST   /hooks/teamwork   teamwork task.complet… ✗ invalid        401     11 B  0.4 ms
         19:05:04.123 POST   /hooks/productive productive deal.updat… ⏱ expired   #2   500     11 B   12 ms
         19:05:05.123 POST   /hooks/gitproduc… gitproductivity push   ! malformed      200     11 B  0.4 ms
         19:05:06.123 POST   /hooks/productli… productlift post.crea… ? no secret      200     11 B  0.4 ms
         19:05:07.123 GET    /health?probe=1                          · unsigned       ...      0 B
        """, hints: Hints.list100)
    }

    @Test func listAt60x15KeepsTheSymbolAndDropsTheWords() {
        let state = Fixtures.state(Fixtures.mixedStore(), width: 60, height: 15)
        expectScreen(Fixtures.render(state), top: """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
         TIME     METHOD PATH                   S TRY CODE     SIZE
         19:05:02 POST   /hooks/productive      ✓      200     11 B
         19:05:03 POST   /hooks/teamwork        ✗      401     11 B
         19:05:04 POST   /hooks/productive      ⏱ #2   500     11 B
         19:05:05 POST   /hooks/gitproductivity !      200     11 B
         19:05:06 POST   /hooks/productlift     ?      200     11 B
         19:05:07 GET    /health?probe=1        ·      ...      0 B
        """, hints: Hints.list60)
    }

    @Test func asciiMarksWhenTheLocaleIsNotUTF8() {
        let lines = Fixtures.render(Fixtures.state(Fixtures.mixedStore(), width: 100, height: 10, unicode: false))
        let marks = lines[2...7].map { String($0.dropFirst(62).prefix(11)).trimmingSpaces }
        #expect(marks == ["+ valid", "x invalid", "~ expired", "! malformed", "? no secret", "- unsigned"])
        #expect(lines[0].contains("6 captured | 6 shown | 0 evicted | -/s"))
    }

    @Test func marksAndErrorRowsAreColouredAndTheSelectionIsReversed() {
        let grid = Renderer.render(Fixtures.state(Fixtures.mixedStore()), size: TerminalSize(width: 100, height: 30))
        #expect(grid[62, 2].text == "✓")
        #expect(grid[62, 2].style.foreground == .green)
        #expect(grid[62, 3].style.foreground == .red)        // ✗ invalid
        #expect(grid[62, 4].style.foreground == .yellow)     // ⏱ expired
        #expect(grid[14, 3].style.foreground == .yellow)     // the 401 row's method
        #expect(grid[14, 4].style.foreground == .red)        // the 500 row's method
        #expect(grid[14, 2].style.foreground == nil)         // a 200 row is not coloured
        #expect(grid[1, 7].style.reverse)                    // follow mode selects the newest
        #expect(!grid[1, 6].style.reverse)
    }

    @Test func emptyStoreSaysHowToSendADelivery() {
        expectScreen(Fixtures.render(Fixtures.state(CaptureStore())), top: """
         hookscope  http://127.0.0.1:8080  answer 200                0 captured · 0 shown · 0 evicted · -/s
         TIME         METHOD PATH              PROVIDER EVENT         SIGNATURE   TRY CODE     SIZE    TOOK












                                  waiting for deliveries on http://127.0.0.1:8080
                               try: curl -d '{"hello":1}' http://127.0.0.1:8080/hooks
        """, hints: Hints.list100)
        expectScreen(Fixtures.render(Fixtures.state(CaptureStore(), width: 60, height: 15)), top: """
         http://127.0.0.1:8080  answer 200                0/0 · -/s
         TIME     METHOD PATH                   S TRY CODE     SIZE




              waiting for deliveries on http://127.0.0.1:8080
           try: curl -d '{"hello":1}' http://127.0.0.1:8080/hooks
        """, hints: Hints.list60)
    }

    @Test func tooSmallTerminal() {
        let lines = Fixtures.render(Fixtures.state(Fixtures.mixedStore(), width: 30, height: 6))
        #expect(lines == ["", "", "      terminal too small", "       30x6, need 40x8", "", ""])
        let tiny = Renderer.render(Fixtures.state(Fixtures.mixedStore()), size: TerminalSize(width: 5, height: 1))
        #expect(tiny.lines == ["termi"])
    }

    @Test func filterActiveShowsInTheTopBarAndNarrowsTheList() {
        for (width, height, top) in [
            (100, 30, """
             hookscope  http://127.0.0.1:8080  answer 200  /sig:invalid  6 captured · 1 shown · 0 evicted · -/s
             TIME         METHOD PATH              PROVIDER EVENT         SIGNATURE   TRY CODE     SIZE    TOOK
             19:05:03.123 POST   /hooks/teamwork   teamwork task.complet… ✗ invalid        401     11 B  0.4 ms
            """),
            (60, 15, """
             http://127.0.0.1:8080  answer 200  /sig:invalid  1/6 · -/s
             TIME     METHOD PATH                   S TRY CODE     SIZE
             19:05:03 POST   /hooks/teamwork        ✗      401     11 B
            """),
        ] {
            var state = Fixtures.state(Fixtures.mixedStore(), width: width, height: height)
            Fixtures.press([.character("/")] + "sig:invalid".map { .character($0) }, on: &state)
            expectScreen(Fixtures.render(state), top: top, message: "/sig:invalid", hints: Hints.input)
            Fixtures.press([.enter], on: &state)
            let kept = Fixtures.render(state)
            #expect(kept[0] == top.split(separator: "\n")[0].description)
            #expect(kept[height - 1] == (width == 100 ? Hints.list100 : Hints.list60))
        }
    }

    @Test func escapeSequencesInAPathAreShownAsTextAndStyled() {
        let store = CaptureStore()
        store.append(Fixtures.exchange(target: "/evil\u{1B}[2J\u{1B}]0;owned\u{07}"))
        let grid = Renderer.render(Fixtures.state(store), size: TerminalSize(width: 100, height: 30))
        #expect(grid.line(2) == #" 19:05:02.123 POST   /evil\x1b[2J\x1b…                        · unsigned       200     11 B  0.4 ms"#)
        #expect(grid[26, 2].text == "\\")
        #expect(grid[26, 2].style.foreground == Palette.escape.foreground)
        #expect(grid[21, 2].style.foreground == nil)   // the plain part of the path
        #expect(grid.cells.allSatisfy { cell in cell.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } })
    }

    @Test func wideCharactersKeepTheColumnsAligned() {
        let store = CaptureStore()
        store.append(Fixtures.exchange(target: "/日本語/パス", provider: "プロバイダ", event: "作成"))
        store.append(Fixtures.exchange(target: "/ascii/path", seconds: 1, provider: "teamwork", event: "created"))
        let lines = Fixtures.render(Fixtures.state(store))
        #expect(lines[2] == " 19:05:02.123 POST   /日本語/パス      プロバイダ 作成        · unsigned       200     11 B  0.4 ms")
        #expect(lines[3] == " 19:05:03.123 POST   /ascii/path       teamwork created       · unsigned       200     11 B  0.4 ms")
        let columns = lines[2...3].map { TerminalWidth.of(String($0.prefix { $0 != "·" })) }
        #expect(columns[0] == columns[1])
    }
}

import Testing
@testable import HookscopeTUI

@Suite struct HelpScreenTests {
    @Test func helpAt100x30StartsWithTheListKeys() {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("?")], on: &state)
        let lines = Fixtures.render(state)
        #expect(lines[1].hasPrefix("Keys (from the key table)"))
        #expect(Array(lines[2...5]) == [
            "Delivery list",
            "  j/Down            Select the next delivery (pauses follow)",
            "  k/Up              Select the previous delivery (pauses follow)",
            "  PgDn/Ctrl-F       One page down",
        ])
        #expect(lines[29] == "Esc close                                                                             q quit  ? help")
    }

    @Test func helpAt60x15WrapsUnderTheExplanationColumn() {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 60, height: 15)
        Fixtures.press([.character("?")], on: &state)
        expectScreen(Fixtures.render(state), top: """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
        Keys (from the key table)                             11/135
        Delivery list
          j/Down            Select the next delivery (pauses follow)
          k/Up              Select the previous delivery (pauses
                            follow)
          PgDn/Ctrl-F       One page down
          PgUp/Ctrl-B       One page up
          g/Home            First delivery
          Enter             Open the selected delivery
          /                 Filter: words, method: status: provider:
                            sig: event: is:replay
          Esc               Clear the filter
        """, hints: "Esc close                                     q quit  ? help")
    }

    @Test func everyBindingIsInTheHelpAndEscReturns() {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 100, height: 30)
        Fixtures.press([.enter, .character("?")], on: &state)
        var seen: [String] = []
        for _ in 0..<10 {
            seen += Fixtures.render(state)[2...27]
            Fixtures.press([.pageDown], on: &state)
        }
        let text = seen.joined(separator: "\n")
        for binding in Keymap.standard.bindings {
            #expect(text.contains(binding.help), "help lacks: \(binding.help)")
        }
        Fixtures.press([.escape], on: &state)
        #expect(state.screen == .detail)
    }

    @Test func footerHintsComeFromTheKeyTable() {
        var table = Keymap.standard
        table.bindings.append(KeyBinding([.character("Z")], .list, .open, "Zoom", hint: "zoom"))
        table.bindings.removeAll { $0.action == .clearList || $0.action == .replay }
        var state = Fixtures.state(Fixtures.mixedStore())
        state.keymap = table
        let footer = Fixtures.render(state)[29]
        #expect(!footer.contains("c clear"))
        #expect(!footer.contains("r replay"))
        #expect(footer.contains("x export"))
        Fixtures.press([.character("?")], on: &state)
        let help = Fixtures.render(state).joined(separator: "\n")
        #expect(!help.contains("Clear the list") && !help.contains("Replay the marked"))
    }
}

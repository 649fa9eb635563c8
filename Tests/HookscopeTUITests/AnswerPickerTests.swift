import HookscopeCore
import Testing
@testable import HookscopeTUI

@Suite struct AnswerPickerTests {
    func keys(_ text: String) -> [Key] { text.map { .character($0) } }

    @Test func sThenDownTo503ThenEnterSetsTheDefaultAnswer() throws {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("s")], on: &state)
        #expect(state.picker?.purpose == .defaultAnswer)
        #expect(state.keyContexts == [.picker])
        let index = try #require(AnswerPicker.answerChoices.firstIndex { $0.spec == "503" })
        Fixtures.press(Array(repeating: .down, count: index), on: &state)
        let effects = Fixtures.press([.enter], on: &state)
        guard case .setAnswer(let answers)? = effects.first else {
            Issue.record("expected setAnswer, got \(effects)")
            return
        }
        #expect(answers == [AnswerSpec(status: 503)])
        #expect(state.picker == nil)
    }

    @Test func typedSequenceIsParsedAndLettersAreTextNotCommands() {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("s")] + keys("500x2,200q"), on: &state)
        #expect(state.picker?.typed == "500x2,200q")     // q did not quit
        Fixtures.press([.backspace], on: &state)
        let effects = Fixtures.press([.enter], on: &state)
        guard case .setAnswer(let answers)? = effects.first else {
            Issue.record("expected setAnswer, got \(effects)")
            return
        }
        #expect(answers.map(\.status) == [500, 500, 200])
    }

    @Test func aMistakeKeepsThePickerOpenWithTheParsersMessage() {
        var state = Fixtures.state(Fixtures.mixedStore())
        let effects = Fixtures.press([.character("s")] + keys("5o3") + [.enter], on: &state)
        #expect(effects.isEmpty)
        #expect(state.picker?.typed == "5o3")
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("not a status code") == true)
        Fixtures.press([.escape], on: &state)
        #expect(state.picker == nil)
        #expect(state.message == nil)
    }

    @Test func aTemplateGoesToTheFieldForEditingFirst() throws {
        var state = Fixtures.state(Fixtures.mixedStore())
        let delay = try #require(AnswerPicker.answerChoices.firstIndex { $0.spec == "200/delay=2000" })
        var effects = Fixtures.press([.character("s")] + Array(repeating: .down, count: delay) + [.enter], on: &state)
        #expect(effects.isEmpty)
        #expect(state.picker?.typed == "200/delay=2000")
        effects = Fixtures.press([.backspace, .backspace, .backspace, .enter], on: &state)
        guard case .setAnswer(let answers)? = effects.first else {
            Issue.record("expected setAnswer, got \(effects)")
            return
        }
        #expect(answers == [AnswerSpec(status: 200, delivery: .delayed(milliseconds: 2))])
    }

    @Test func pickerAt100x30() {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("s"), .down, .down], on: &state)
        expectScreen(Fixtures.render(state), top: PickerScreens.wide, message: "answer:", hints: PickerScreens.hints100)
    }

    @Test func pickerAt60x15UsesTwoColumns() {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 60, height: 15)
        Fixtures.press([.character("s")] + keys("503"), on: &state)
        expectScreen(Fixtures.render(state), top: PickerScreens.narrow, message: "answer: 503", hints: PickerScreens.hints60)
    }

    @Test func theTopBarShowsTheModeAndIntercept() {
        var state = Fixtures.state(Fixtures.mixedStore())
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 503 · 1 rule", intercept: true)))
        let top = Fixtures.render(state)[0]
        #expect(top.hasPrefix(" hookscope  http://127.0.0.1:8080  answer 503 · 1 rule   INTERCEPT "), "\(top)")
        let grid = Renderer.render(state, size: state.size)
        let x = top.distance(from: top.startIndex, to: top.range(of: "INTERCEPT")!.lowerBound)
        #expect(grid[x, 0].style.foreground == .yellow)
        #expect(grid[x, 0].style.bold)
    }

    @Test func helpAndFooterComeFromTheKeyTable() {
        let bindings = Keymap.standard.bindings
        #expect(bindings.contains { $0.context == .list && $0.keys.contains(.character("s")) && $0.action == .pickAnswer })
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("?")], on: &state)
        let help = HelpScreen.rows(keymap: state.keymap, width: 100).map(\.text)
        #expect(help.contains { $0.hasPrefix("  s ") && $0.contains("Choose the answer") })
        #expect(help.contains("Status picker"))
        #expect(help.contains("Rules"))
    }
}

extension AnswerPickerTests {
    /// Issue #12, point 1: `100` typed into the picker took the listener and every capture
    /// with it; now the picker stays open and says why.
    @Test func aTyped1xxStaysInThePickerWithTheReason() {
        var state = Fixtures.state(Fixtures.mixedStore())
        let effects = Fixtures.press([.character("s")] + keys("100") + [.enter], on: &state)
        #expect(effects.isEmpty)
        #expect(state.picker?.typed == "100")
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("interim (1xx)") == true)
    }
}

import HookscopeCore
import Testing
@testable import HookscopeTUI

@Suite struct RulesScreenTests {
    func rulesState(width: Int = 100, height: Int = 30) throws -> AppState {
        var state = Fixtures.state(Fixtures.mixedStore(), width: width, height: height)
        var off = try AnswerSpecParser.parseRule("POST /hooks/** -> 503x2,200")
        off.enabled = false
        _ = state.update(.rulesChanged([try AnswerSpecParser.parseRule("provider=teamwork -> 500"), off]))
        Fixtures.press([.character("R")], on: &state)
        return state
    }

    @Test func rulesScreenAt100x30() throws {
        let state = try rulesState()
        expectScreen(Fixtures.render(state), top: RulesScreens.wide, hints: RulesScreens.hints100)
    }

    @Test func rulesScreenAt60x15() throws {
        let state = try rulesState(width: 60, height: 15)
        expectScreen(Fixtures.render(state), top: RulesScreens.narrow, hints: RulesScreens.hints60)
    }

    @Test func aAddsATypedRuleAndAMistakeKeepsThePromptOpen() throws {
        var state = try rulesState()
        Fixtures.press([.character("a")] + "provider=teamwork 500".map { .character($0) }, on: &state)
        #expect(state.input?.purpose == .rule)
        #expect(Fixtures.press([.enter], on: &state).isEmpty)
        #expect(state.input?.text == "provider=teamwork 500")
        #expect(state.message?.text.contains("needs '->'") == true)
        #expect(Fixtures.render(state)[28].hasPrefix("rule: provider=teamwork 500   a rule needs '->'"))
        Fixtures.press(Array(repeating: .backspace, count: 3) + "-> 500".map { .character($0) }, on: &state)
        let effects = Fixtures.press([.enter], on: &state)
        guard case .editRules(.add(let rule))? = effects.first else {
            Issue.record("expected an added rule, got \(effects)")
            return
        }
        #expect(rule.summary == "* provider=teamwork -> 500")
        #expect(state.input == nil)
    }

    @Test func spaceTogglesAndDDeletesTheSelectedRuleAsShown() throws {
        var state = try rulesState()
        let shown = state.rules
        guard case .editRules(let toggle)? = Fixtures.press([.character(" ")], on: &state).first,
              case .editRules(let delete)? = Fixtures.press([.character("j"), .character("d")], on: &state).last else {
            Issue.record("expected a toggle and a delete")
            return
        }
        #expect(toggle == .toggle(index: 0, seen: shown[0]))
        #expect(delete == .delete(index: 1, seen: shown[1]))
        #expect(shown[1].enabled == false, "the rule carried is the one on the screen, off")
        Fixtures.press([.escape], on: &state)
        #expect(state.screen == .list)
    }

    @Test func ruleEditsApplyToTheRulesInForce() throws {
        let rules = [try AnswerSpecParser.parseRule("-> 500"), try AnswerSpecParser.parseRule("GET -> 404")]
        #expect(try RuleEdit.toggle(index: 1, seen: rules[1]).applied(to: rules)[1].enabled == false)
        #expect(try RuleEdit.delete(index: 0, seen: rules[0]).applied(to: rules).map(\.summary) == ["GET * -> 404"])
        #expect(throws: RuleEdit.Changed.self) { try RuleEdit.delete(index: 5, seen: rules[0]).applied(to: rules) }
    }
}

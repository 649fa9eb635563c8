import Testing
@testable import HookscopeCore

/// The shared answer plan as each listener applies it to its own, and as the store keeps it.
@Suite struct SharedPlanTests {
    let own = ResponsePlan(
        defaultAnswer: AnswerSpec(status: 202), sequence: [],
        rules: [try! AnswerSpecParser.parseRule("/own/** -> 409")])

    func exchange(_ target: String) -> Exchange {
        Exchange(receivedAt: .init(nanosecondsSinceEpoch: 0), remote: "r", method: "POST", target: target, headers: [], body: [])
    }

    @Test func itsRespondReplacesTheListenersAnswerAndItsRulesComeFirst() throws {
        let shared = SharedPlan(respond: "503", rules: ["/own/special -> 418"], setBy: "ana@laptop")
        let holder = ResponsePlanHolder(try shared.applied(to: own))
        #expect(holder.answer(for: exchange("/x")).status == 503)
        #expect(holder.answer(for: exchange("/own/special")).status == 418, "the shared rule is checked first")
        #expect(holder.answer(for: exchange("/own/other")).status == 409, "the listener's own rules stay")
    }

    @Test func rulesAloneKeepTheListenersAnswerAndASequenceIsASequence() throws {
        let rulesOnly = ResponsePlanHolder(try SharedPlan(respond: nil, rules: ["/a -> 500"], setBy: "b@c").applied(to: own))
        #expect(rulesOnly.answer(for: exchange("/x")).status == 202)
        #expect(rulesOnly.answer(for: exchange("/a")).status == 500)
        let sequence = ResponsePlanHolder(try SharedPlan(respond: "500,200", rules: [], setBy: "b@c").applied(to: own))
        #expect([sequence.answer(for: exchange("/1")).status, sequence.answer(for: exchange("/2")).status,
                 sequence.answer(for: exchange("/3")).status] == [500, 200, 200])
    }

    @Test func readsBackAsWrittenAndRefusesWhatDoesNotParse() throws {
        let plan = SharedPlan(respond: "429/retry-after=30", rules: ["provider=stripe -> 500", "/x \"y\" -> 200"], setBy: "ana@laptop", setAt: "2026-12-01T22:40:01Z")
        #expect(SharedPlan.decode(plan.encodedTexts(), setBy: plan.setBy, setAt: plan.setAt) == plan)
        #expect(SharedPlan.decode("[]", setBy: "", setAt: "") == nil)
        #expect(plan.summary == "--respond 429/retry-after=30 · 2 rules, set by ana@laptop at 2026-12-01T22:40:01Z")
        #expect(throws: AnswerSpecParser.Failure.self) { try SharedPlan(respond: "sometimes", rules: [], setBy: "").check() }
        #expect(throws: AnswerSpecParser.Failure.self) { try SharedPlan(respond: nil, rules: ["no arrow"], setBy: "").check() }
    }
}

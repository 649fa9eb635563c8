import Testing
@testable import HookscopeCore

/// Changes to the shared plan (attach's flags, the keys s, R and i of an attached UI), each
/// applied to the plan the store holds, and the texts they are kept as.
@Suite struct SharedPlanChangeTests {
    @Test(arguments: ["503", "429/retry-after=30", "200/delay=2000", "200/trickle=16:100", "hang", "close", "reset", "503/retry-after=5/delay=10"])
    func anAnswerReadsBackFromItsText(_ text: String) throws {
        let spec = try AnswerSpecParser.parseStep(text)
        #expect(try AnswerSpecParser.parseStep(spec.specText) == spec)
    }

    @Test(arguments: ["GET -> 404", "/stripe/** provider=stripe -> 500,500,200", "method=POST path=/a/* -> hang", " -> 503"])
    func aRuleReadsBackFromItsText(_ text: String) throws {
        let rule = try AnswerSpecParser.parseRule(text)
        #expect(try AnswerSpecParser.parseRule(rule.ruleText) == rule)
    }

    @Test func eachChangeKeepsTheRestOfThePlan() throws {
        let current = SharedPlan(respond: "503", rules: ["/a -> 500"], setBy: "ana@laptop", setAt: "2026-12-01T22:40:01Z")
        let plan = try #require(try SharedPlanChange.apply([.intercept(true)], to: current, by: "bo@desk"))
        #expect(plan.respond == "503")
        #expect(plan.rules == ["/a -> 500"])
        #expect(plan.intercept == true)
        #expect(plan.setBy == "bo@desk")
        #expect(plan.setAt == "", "the store's clock sets the time")
        let answered = try #require(try SharedPlanChange.apply([.answers([AnswerSpec(status: 500), AnswerSpec(status: 200)])], to: plan, by: "bo@desk"))
        #expect(answered.respond == "500,200")
        #expect(answered.intercept == true)
    }

    @Test func ruleEditsWorkOnTheStoresRulesAndKeepWhichAreOff() throws {
        var plan = try #require(try SharedPlanChange.apply([.editRules(.add(AnswerSpecParser.parseRule("GET -> 404")))], to: nil, by: "a@b"))
        plan = try #require(try SharedPlanChange.apply([.editRules(.add(AnswerSpecParser.parseRule("provider=stripe -> 500")))], to: plan, by: "a@b"))
        let get = try AnswerSpecParser.parseRule("GET -> 404")
        plan = try #require(try SharedPlanChange.apply([.editRules(.toggle(index: 0, seen: get))], to: plan, by: "a@b"))
        #expect(plan.rules == ["method=GET -> 404", "provider=stripe -> 500"])
        #expect(plan.disabledRules == [0])
        #expect(try plan.parsedRules().map(\.enabled) == [false, true])
        #expect(plan.summary == "1 of 2 rules on, set by a@b")
        let holder = ResponsePlanHolder(try plan.applied(to: ResponsePlan(status: 202)))
        let request = Exchange(receivedAt: .init(nanosecondsSinceEpoch: 0), remote: "r", method: "GET", target: "/x", headers: [], body: [])
        #expect(holder.answer(for: request).status == 202, "the rule that is off does not answer")
        var off = get
        off.enabled = false
        plan = try #require(try SharedPlanChange.apply([.editRules(.delete(index: 0, seen: off))], to: plan, by: "a@b"))
        #expect(plan.rules == ["provider=stripe -> 500"])
        #expect(plan.disabledRules == [])
    }

    /// Review M1: Ana sees [A, B]; Bob deletes A; Ana's d on A (place 1) reaches the store
    /// before her UI has read Bob's change. Applied by place alone it deleted B.
    @Test func anEditOfARuleThatChangedMeanwhileIsRefusedAndChangesNothing() throws {
        let a = try AnswerSpecParser.parseRule("GET -> 404")
        let b = try AnswerSpecParser.parseRule("provider=stripe -> 500")
        let afterBob = SharedPlan(respond: "503", rules: [b.ruleText], setBy: "bob@desk", setAt: "t")
        let expected = "that rule changed (someone edited the rules): rule 1 is * provider=stripe -> 500 now, not GET * -> 404"
        #expect(throws: SharedPlanChange.Failure(description: expected)) {
            try SharedPlanChange.apply([.editRules(.delete(index: 0, seen: a))], to: afterBob, by: "ana@laptop")
        }
        #expect(throws: SharedPlanChange.Failure(description: expected)) {
            try SharedPlanChange.apply([.editRules(.toggle(index: 0, seen: a))], to: afterBob, by: "ana@laptop")
        }
        // B was the second rule Ana saw: gone from its place now.
        #expect(throws: SharedPlanChange.Failure(description: "that rule changed (someone edited the rules): rule 2 (* provider=stripe -> 500) is gone")) {
            try SharedPlanChange.apply([.editRules(.toggle(index: 1, seen: b))], to: afterBob, by: "ana@laptop")
        }
        // Bob turned A off; Ana's space on A as she saw it (on) would turn it on again.
        let offByBob = SharedPlan(respond: nil, rules: [a.ruleText, b.ruleText], disabledRules: [0], setBy: "bob@desk", setAt: "t")
        #expect(throws: SharedPlanChange.Failure(description: "that rule changed (someone edited the rules): rule 1 (GET * -> 404) was turned off")) {
            try SharedPlanChange.apply([.editRules(.toggle(index: 0, seen: a))], to: offByBob, by: "ana@laptop")
        }
        // The rule as it is there now: the edit goes through.
        let deleted = try #require(try SharedPlanChange.apply([.editRules(.delete(index: 0, seen: b))], to: afterBob, by: "ana@laptop"))
        #expect(deleted.rules == [] && deleted.respond == "503")
    }

    @Test func aPlanWithNothingLeftIsNoPlanAndBadTextIsRefused() throws {
        #expect(try SharedPlanChange.apply([.rules([])], to: SharedPlan(respond: nil, rules: ["/a -> 500"], setBy: "x"), by: "y") == nil)
        #expect(throws: AnswerSpecParser.Failure.self) { try SharedPlanChange.apply([.respond("sometimes")], to: nil, by: "y") }
    }

    @Test func interceptAndOffRulesReadBackFromTheStore() throws {
        let plan = SharedPlan(respond: nil, rules: ["/a -> 500", "/b -> 501"], disabledRules: [1], intercept: false, setBy: "a@b", setAt: "t")
        #expect(SharedPlan.decode(plan.encodedTexts(), setBy: "a@b", setAt: "t") == plan)
        #expect(plan.summary == "1 of 2 rules on · intercept off, set by a@b at t")
        let old = SharedPlan.decode(#"{"respond":"503","rules":[]}"#, setBy: "a@b", setAt: "t")
        #expect(old?.intercept == nil, "a plan written before intercept was shared leaves each listener's own")
    }
}

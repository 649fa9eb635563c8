import Testing
@testable import HookscopeCore

@Suite struct AnswerSpecParserTests {
    @Test func readsEveryForm() throws {
        #expect(try AnswerSpecParser.parseSequence("503").map(\.status) == [503])
        #expect(try AnswerSpecParser.parseSequence("500, 500,200").map(\.status) == [500, 500, 200])
        #expect(try AnswerSpecParser.parseSequence("500x3,200").map(\.status) == [500, 500, 500, 200])
        let retry = try AnswerSpecParser.parseStep("429/retry-after=30")
        #expect(retry.status == 429)
        #expect(retry.headers == [HeaderField("Retry-After", "30")])
        #expect(try AnswerSpecParser.parseStep("200/delay=2000").delivery == .delayed(milliseconds: 2000))
        #expect(try AnswerSpecParser.parseStep("200/trickle=16:100").delivery == .trickle(bytesPerChunk: 16, intervalMilliseconds: 100))
        #expect(try AnswerSpecParser.parseStep("hang").delivery == .hang)
        #expect(try AnswerSpecParser.parseStep("CLOSE").delivery == .close)
        #expect(try AnswerSpecParser.parseStep("reset").delivery == .reset)
    }

    @Test func explainsWhatIsWrong() {
        #expect(throws: AnswerSpecParser.Failure(message: "'abc' is not a status code (200-999) nor hang, close or reset")) {
            try AnswerSpecParser.parseStep("abc")
        }
        #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseSequence("500,,200") }
        #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseStep("200/delay=soon") }
        #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseStep("200/colour=red") }
        #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseStep("99") }
        #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseRule("provider=teamwork 500") }
        #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseRule("colour=red -> 500") }
    }

    @Test func readsRules() throws {
        let rule = try AnswerSpecParser.parseRule("post /teamwork/** provider=Teamwork -> 500,200")
        #expect(rule.method == "POST")
        #expect(rule.pathGlob == "/teamwork/**")
        #expect(rule.provider == "teamwork")
        #expect(rule.answers.map(\.status) == [500, 200])
        #expect(rule.summary == "POST /teamwork/** provider=teamwork -> 500,200")
    }

    @Test func globs() {
        #expect(PathGlob("/hooks/*").matches("/hooks/a"))
        #expect(!PathGlob("/hooks/*").matches("/hooks/a/b"))
        #expect(PathGlob("/hooks/**").matches("/hooks/a/b"))
        #expect(PathGlob("/h?oks").matches("/hooks"))
        #expect(!PathGlob("/hooks").matches("/hooks/"))
        #expect(PathGlob("**").matches("/anything/at/all"))
    }

    @Test func holderWalksSequencesAndRulesIndependently() throws {
        let plan = ResponsePlan(
            defaultAnswer: AnswerSpec(status: 200),
            sequence: try AnswerSpecParser.parseSequence("500,502"),
            rules: [try AnswerSpecParser.parseRule("/tw -> 401,403")]
        )
        let holder = ResponsePlanHolder(plan)
        func answer(_ path: String) -> Int {
            holder.answer(for: Exchange(receivedAt: .now(), remote: "", method: "POST", target: path, headers: [], body: [])).status
        }
        #expect([answer("/a"), answer("/tw"), answer("/a"), answer("/tw"), answer("/a"), answer("/tw")] == [500, 401, 502, 403, 502, 403])
        holder.replace(with: plan)
        #expect(answer("/a") == 500)
        #expect(plan.summary == "sequence 500,502 · 1 rule")
    }
}

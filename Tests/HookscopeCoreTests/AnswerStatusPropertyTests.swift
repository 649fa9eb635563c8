import Testing
@testable import HookscopeCore

/// Every status an answer spec accepts is one hookscope can send (issue #12, point 1): the
/// whole 100-999 range goes through the parser; the server test sends each accepted one.
@Suite struct AnswerStatusPropertyTests {
    @Test func everyCodeFrom100To999IsAcceptedExactlyWhenItIsSendable() {
        for code in 100...999 {
            let parsed = try? AnswerSpecParser.parseStep("\(code)")
            if (100...199).contains(code) {
                #expect(parsed == nil, "\(code) was accepted")
                #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseSequence("500,\(code)") }
                #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseRule("POST /x -> \(code)") }
            } else {
                #expect(parsed?.status == code, "\(code) was refused")
            }
        }
    }

    @Test func a1xxIsRefusedWithAMessageThatSaysWhy() {
        #expect(throws: AnswerSpecParser.Failure(message: AnswerStatus.problem(with: 103)!)) {
            try AnswerSpecParser.parseRule("POST /x -> 103")
        }
        #expect(AnswerStatus.problem(with: 101)?.contains("interim (1xx)") == true)
        #expect(AnswerStatus.problem(with: 1000) != nil)
        #expect(AnswerStatus.problem(with: 99) != nil)
    }

    @Test func waitsLongerThanADayAreRefusedNotMultipliedIntoAnOverflow() throws {
        #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseStep("200/delay=9223372036854775") }
        #expect(throws: AnswerSpecParser.Failure.self) { try AnswerSpecParser.parseStep("200/trickle=1:9223372036854775") }
        #expect(try AnswerSpecParser.parseStep("200/delay=86400000").delivery == .delayed(milliseconds: 86_400_000))
    }

    @Test func bodylessAnswersPlanNoBodyAndNoContentType() {
        let exchange = Exchange(receivedAt: .now(), remote: "", method: "POST", target: "/", headers: [], body: [])
        for status in [204, 205, 304] {
            let planned = AnswerSpec(status: status, body: "ignored").planned(for: exchange, source: .default)
            #expect(planned.body.isEmpty)
            let byDefault = AnswerSpec(status: status).planned(for: exchange, source: .default)
            #expect(byDefault.body.isEmpty)
            #expect(byDefault.headers.first(named: "Content-Type") == nil)
        }
        // RFC 9110 §15.3.6: a server MUST NOT generate content in a 205 (this line used to
        // assert the opposite; review finding F14).
        #expect(!AnswerSpec(status: 206).planned(for: exchange, source: .default).body.isEmpty)
        let plan = ResponsePlan(
            defaultAnswer: AnswerSpec(status: 204), sequence: [AnswerSpec(status: 200), AnswerSpec(status: 304)],
            rules: [ResponseRule(answers: [AnswerSpec(status: 204), AnswerSpec(status: 205), AnswerSpec(status: 304, delivery: .close)])]
        )
        #expect(plan.bodylessStatuses == [204, 304, 205])
    }
}

import Testing
@testable import HookscopeCore

/// The one rule for answers given as a list (`--respond`, the picker): one is the default,
/// several are a sequence.
@Suite struct ResponsePlanAnswersTests {
    @Test func oneAnswerBecomesTheDefaultAndEndsTheSequence() {
        var plan = ResponsePlan(defaultAnswer: AnswerSpec(status: 200), sequence: [AnswerSpec(status: 500), AnswerSpec(status: 200)])
        plan.answer(with: [AnswerSpec(status: 503)])
        #expect(plan.defaultAnswer == AnswerSpec(status: 503))
        #expect(plan.sequence.isEmpty)
        #expect(plan.summary == "answer 503")
    }

    @Test func severalAnswersBecomeTheSequenceAndKeepTheDefault() {
        var plan = ResponsePlan(defaultAnswer: AnswerSpec(status: 202))
        plan.answer(with: [AnswerSpec(status: 500), AnswerSpec(status: 500), AnswerSpec(status: 200)])
        #expect(plan.defaultAnswer == AnswerSpec(status: 202))
        #expect(plan.sequence == [AnswerSpec(status: 500), AnswerSpec(status: 500), AnswerSpec(status: 200)])
    }
}

import HookscopeCore
import Testing

@Suite struct RetryOutlookTests {
    let start = Timestamp(rfc3339: "2026-11-23T19:00:00.000Z")!

    func at(minutes: Int) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + Int64(minutes) * 60_000_000_000)
    }

    @Test func gitProductivityNextRetryFollowsTheDocumentedDelaysFromTheLastAttempt() {
        // Attempt 1 at 0, retry 1 after 1 min: the next is retry 2, 5 min after it.
        let outlook = RetryOutlook(schedule: BuiltInProviders.gitProductivity.retries, attempts: [
            .init(at: at(minutes: 0), status: 500), .init(at: at(minutes: 1), status: 503),
        ])
        #expect(outlook.verdict == .retryExpected(number: 2, at: at(minutes: 6)))
        #expect(outlook.lastIsFailure == true)
        // 5 + 30 + 120 + 1440 minutes after the last attempt: the fifth and last retry.
        #expect(outlook.finalAttemptAt == at(minutes: 1 + 5 + 30 + 120 + 1440))
    }

    @Test func teamworkCountsOnlyStatusesAbove400AsFailures() {
        let schedule = BuiltInProviders.teamwork.retries
        let on400 = RetryOutlook(schedule: schedule, attempts: [.init(at: at(minutes: 0), status: 400)])
        #expect(on400.verdict == .delivered)
        #expect(on400.lastIsFailure == false)
        let on401 = RetryOutlook(schedule: schedule, attempts: [.init(at: at(minutes: 0), status: 401)])
        #expect(on401.verdict == .retryExpected(number: 1, at: at(minutes: 1)))
        #expect(on401.finalAttemptAt == at(minutes: 16))
    }

    @Test func afterTheLastDocumentedRetryTheSenderHasGivenUp() {
        let attempts = [0, 1, 6, 16].map { RetryOutlook.Attempt(at: at(minutes: $0), status: 500) }
        let outlook = RetryOutlook(schedule: BuiltInProviders.teamwork.retries, attempts: attempts)
        #expect(outlook.verdict == .gaveUp)
        #expect(outlook.finalAttemptAt == at(minutes: 16))
    }

    @Test func productiveHasACountAndAWindowButNoTimes() {
        let outlook = RetryOutlook(schedule: BuiltInProviders.productive.retries, attempts: [
            .init(at: at(minutes: 0), status: 500), .init(at: at(minutes: 10), status: nil),
        ])
        #expect(outlook.verdict == .retriesUndated(remaining: 24, by: at(minutes: 48 * 60)))
        #expect(outlook.finalAttemptAt == at(minutes: 48 * 60))
    }

    @Test func anUndocumentedScheduleGuessesNothing() {
        let outlook = RetryOutlook(schedule: BuiltInProviders.productLift.retries, attempts: [.init(at: at(minutes: 0), status: 500)])
        #expect(outlook.verdict == .undocumented)
        #expect(outlook.finalAttemptAt == nil)
        #expect(outlook.lastIsFailure == nil)
    }

    @Test func anUnansweredAttemptHasNoVerdictYet() {
        let outlook = RetryOutlook(schedule: BuiltInProviders.teamwork.retries, attempts: [.init(at: at(minutes: 0), status: nil)], lastAnswered: false)
        #expect(outlook.verdict == .unanswered)
    }

    @Test func sequentialFailuresCountTheTrailingRun() {
        #expect(SequentialFailures.trailingRun([]) == 0)
        #expect(SequentialFailures.trailingRun([true, true, false]) == 0)
        #expect(SequentialFailures.trailingRun([false, true, true]) == 2)
        #expect(SequentialFailures.trailingRun([true, true, true]) == 3)
    }
}

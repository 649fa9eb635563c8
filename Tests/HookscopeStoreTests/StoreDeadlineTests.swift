@testable import HookscopeStore
import Testing

/// The deadline's clock, given the instants: time in which this process could not look at
/// its clock (a starved thread pool, a laptop asleep) is not counted against the database.
@Suite struct StoreDeadlineTests {
    @Test func aLookOnTimePastTheDeadlineExpires() async throws {
        let progress = StoreDeadline.Progress(seconds: 2)
        let first = try #require(progress.nextCheck(now: .now, due: nil))
        // Half a second late is ordinary scheduling, not a process that stood still.
        #expect(progress.nextCheck(now: first + .milliseconds(500), due: first) == nil)
        await #expect(throws: StoreDeadline.Expired.self, "nothing more is handed over") { try await progress.pausing {} }
    }

    @Test func aLookFarLaterThanDueStartsTheDeadlineAgain() throws {
        let progress = StoreDeadline.Progress(seconds: 2)
        let first = try #require(progress.nextCheck(now: .now, due: nil))
        let woke = first + .seconds(15)
        #expect(progress.nextCheck(now: woke, due: first) == woke + .seconds(2))
        // On time at the new deadline: the database had its two seconds.
        #expect(progress.nextCheck(now: woke + .seconds(2), due: woke + .seconds(2)) == nil)
    }

    @Test func everyLateLookStartsItAgainAndTheFirstOnTimeOneEndsIt() throws {
        let progress = StoreDeadline.Progress(seconds: 2)
        var due = try #require(progress.nextCheck(now: .now, due: nil))
        for _ in 1...5 {
            let woke = due + .seconds(3)
            due = try #require(progress.nextCheck(now: woke, due: due))
            #expect(due == woke + .seconds(2))
        }
        #expect(progress.nextCheck(now: due + .milliseconds(10), due: due) == nil)
    }
}

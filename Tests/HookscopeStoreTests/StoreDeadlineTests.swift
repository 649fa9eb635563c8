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

    @Test func aLateLookStartsItAgainAndTheFirstOnTimeOneEndsIt() throws {
        let progress = StoreDeadline.Progress(seconds: 2)
        var due = try #require(progress.nextCheck(now: .now, due: nil))
        for _ in 1...StoreDeadline.Progress.lateRestartLimit {
            let woke = due + .seconds(3)
            due = try #require(progress.nextCheck(now: woke, due: due))
            #expect(due == woke + .seconds(2))
        }
        #expect(progress.nextCheck(now: due + .milliseconds(10), due: due) == nil)
    }

    /// A starvation that never ends: after the limit a late look no longer starts the
    /// deadline again, so a dead connection is still called dead (review L4).
    @Test func lateLooksStartItAgainOnlyUpToTheLimit() throws {
        let progress = StoreDeadline.Progress(seconds: 2)
        var due = try #require(progress.nextCheck(now: .now, due: nil))
        for _ in 1...StoreDeadline.Progress.lateRestartLimit {
            due = try #require(progress.nextCheck(now: due + .seconds(3), due: due))
        }
        #expect(progress.nextCheck(now: due + .seconds(3), due: due) == nil)
    }

    /// The database answering starts the count of late restarts again.
    @Test func anAnswerStartsTheCountAgain() throws {
        let progress = StoreDeadline.Progress(seconds: 2)
        var due = try #require(progress.nextCheck(now: .now, due: nil))
        for _ in 1...StoreDeadline.Progress.lateRestartLimit {
            due = try #require(progress.nextCheck(now: due + .seconds(3), due: due))
        }
        progress.advanced()
        let woke = ContinuousClock.now + .seconds(5)
        #expect(progress.nextCheck(now: woke, due: woke - .seconds(3)) == woke + .seconds(2))
    }
}

@testable import HookscopeStore
import Testing

/// The deadline's clock, given the instants: time in which this process could not look at
/// its clock (a starved thread pool, a laptop asleep) is not counted against the database.
@Suite struct StoreDeadlineTests {
    /// Looks on time, each `lookInterval` after the last, until the clock plans its last
    /// look (the deadline, sooner than a full interval) or one at `end`; returns that instant.
    func lookOnTime(_ progress: StoreDeadline.Progress, from start: ContinuousClock.Instant, until end: ContinuousClock.Instant) throws -> ContinuousClock.Instant {
        var due = start
        while true {
            let next = try #require(progress.nextCheck(now: due, due: due))
            #expect(next - due <= StoreDeadline.Progress.lookInterval, "it looks often, not once at the deadline")
            if next - due < StoreDeadline.Progress.lookInterval || next >= end { return next }
            due = next
        }
    }

    @Test func aLookOnTimePastTheDeadlineExpires() async throws {
        let progress = StoreDeadline.Progress(seconds: 2)
        let start = ContinuousClock.now
        let first = try #require(progress.nextCheck(now: start, due: nil))
        let last = try lookOnTime(progress, from: first, until: start + .seconds(2))
        // Half a second late is ordinary scheduling, not a process that stood still.
        #expect(progress.nextCheck(now: last + .milliseconds(500), due: last) == nil)
        await #expect(throws: StoreDeadline.Expired.self, "nothing more is handed over") { try await progress.pausing {} }
    }

    @Test func aLookFarLaterThanDueStartsTheDeadlineAgain() throws {
        let progress = StoreDeadline.Progress(seconds: 2)
        let first = try #require(progress.nextCheck(now: .now, due: nil))
        let woke = first + .seconds(15)
        let next = try #require(progress.nextCheck(now: woke, due: first))
        // On time at the new deadline: the database had its two seconds.
        let last = try lookOnTime(progress, from: next, until: woke + .seconds(2))
        #expect(last == woke + .seconds(2))
        #expect(progress.nextCheck(now: last, due: last) == nil)
    }

    /// The stall the CI run met: the process stood still for most of the wait and ran
    /// again shortly before the deadline. A clock that slept until the deadline looked on
    /// time there and expired; looking often, the look after the stall is late.
    @Test func aStallWithinTheWaitIsNotCountedAgainstTheDatabase() throws {
        let progress = StoreDeadline.Progress(seconds: 10)
        let start = ContinuousClock.now
        let first = try #require(progress.nextCheck(now: start, due: nil))
        let afterTheStall = first + .milliseconds(9_500)
        let next = try #require(progress.nextCheck(now: afterTheStall, due: first))
        #expect(next <= afterTheStall + StoreDeadline.Progress.lookInterval)
        // Past the old deadline (start + 10 s), on time: still waiting.
        let pastOldDeadline = start + .milliseconds(10_500)
        #expect(progress.nextCheck(now: pastOldDeadline, due: pastOldDeadline) != nil)
        // Ten seconds after the stall, on time: expired.
        let pastNewDeadline = afterTheStall + .milliseconds(10_100)
        #expect(progress.nextCheck(now: pastNewDeadline, due: pastNewDeadline) == nil)
    }

    @Test func everyLateLookStartsItAgainAndTheFirstOnTimeOneEndsIt() throws {
        let progress = StoreDeadline.Progress(seconds: 2)
        var due = try #require(progress.nextCheck(now: .now, due: nil))
        var woke = due
        for _ in 1...5 {
            woke = due + .seconds(3)
            due = try #require(progress.nextCheck(now: woke, due: due))
            #expect(due == woke + StoreDeadline.Progress.lookInterval)
        }
        let last = try lookOnTime(progress, from: due, until: woke + .seconds(2))
        #expect(progress.nextCheck(now: last + .milliseconds(10), due: last + .milliseconds(10)) == nil)
    }

    /// The clock's first look is due when the deadline began: a stall before it (every test
    /// of a run starting at once) starts the deadline again instead of expiring it before
    /// the query was even sent (session 19 review H1).
    @Test func aStallBeforeTheFirstLookIsNotCountedAgainstTheDatabase() throws {
        let progress = StoreDeadline.Progress(seconds: 10)
        let woke = progress.started + .seconds(11)
        let next = try #require(progress.nextCheck(now: woke, due: nil))
        #expect(next == woke + StoreDeadline.Progress.lookInterval)
        // On time from there, it expires ten seconds after that late look.
        let last = try lookOnTime(progress, from: next, until: woke + .seconds(10))
        #expect(last == woke + .seconds(10))
        #expect(progress.nextCheck(now: last, due: last) == nil)
    }
}

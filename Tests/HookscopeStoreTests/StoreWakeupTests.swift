@testable import HookscopeStore
import Synchronization
import Testing

/// The store loops' wakeup: a signal or the timeout, whichever comes first, with one clock
/// task per wakeup instead of one per wait.
@Suite struct StoreWakeupTests {
    /// Whether `operation` ends within `bound` of this process running (a bound for a hang,
    /// far above what it needs). A look that comes late (the test process's two pool
    /// threads held by other suites' work in a full run, seen for over 10 s) moves the
    /// deadline on by its lateness: the operation needs those threads as much as this loop.
    static func ends(within bound: Duration, _ operation: @escaping @Sendable () async -> Void) async -> Bool {
        let done = Mutex(false)
        let task = Task {
            await operation()
            done.withLock { $0 = true }
        }
        let look = Duration.milliseconds(5)
        var deadline = ContinuousClock.now + bound
        var lastLook = ContinuousClock.now
        while !done.withLock({ $0 }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: look)
            let late = ContinuousClock.now - lastLook - look
            if late > .milliseconds(500) { deadline += late }
            lastLook = .now
            // One more turn for the operation, whose thread may come only after this one's.
            await Task.yield()
        }
        let ended = done.withLock { $0 }
        if !ended { task.cancel() }
        return ended
    }

    @Test func aSignalSentBeforeTheWaitIsKept() async {
        let wakeup = StoreWakeup()
        wakeup.signal()
        #expect(await Self.ends(within: .seconds(10)) { await wakeup.wait(timeout: .seconds(600)) })
    }

    /// Waits until `wakeup` has a task waiting (bounded), so that a signal reaches a wait in
    /// progress, not the next one.
    static func waiting(_ wakeup: StoreWakeup) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !wakeup.hasWaiter {
            try #require(ContinuousClock.now < deadline, "the wait never began")
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test func aSignalEndsTheWait() async throws {
        let wakeup = StoreWakeup()
        let waiting = Task { await wakeup.wait(timeout: .seconds(600)) }
        try await Self.waiting(wakeup)
        wakeup.signal()
        #expect(await Self.ends(within: .seconds(10)) { await waiting.value })
    }

    @Test func theTimeoutEndsTheWaitAndNotBefore() async {
        let wakeup = StoreWakeup()
        let start = ContinuousClock.now
        #expect(await Self.ends(within: .seconds(10)) { await wakeup.wait(timeout: .milliseconds(200)) })
        #expect(ContinuousClock.now - start >= .milliseconds(200))
    }

    /// The clock of a long wait that was signalled must not serve a shorter one after it:
    /// the shorter wait ends at its own timeout, not the long one's.
    @Test func aShorterTimeoutAfterALongerOneEndsOnItsOwn() async throws {
        let wakeup = StoreWakeup()
        let long = Task { await wakeup.wait(timeout: .seconds(600)) }
        try await Self.waiting(wakeup)
        wakeup.signal()
        #expect(await Self.ends(within: .seconds(10)) { await long.value })
        #expect(await Self.ends(within: .seconds(10)) { await wakeup.wait(timeout: .milliseconds(50)) })
    }

    /// A clock that wakes for a wait that was signalled sleeps on to the next wait's
    /// deadline: that wait still ends at its timeout, and not before it.
    @Test func waitsOneAfterAnotherEachEndAtTheirTimeout() async throws {
        let wakeup = StoreWakeup()
        for round in 0..<5 {
            if round % 2 == 0 {
                // Shorter than the next wait's: its clock sleeps on to that one's deadline;
                // longer (round 4): a clock of its own replaces it.
                let first = Duration.milliseconds(round == 4 ? 150 : 50)
                let waiting = Task { await wakeup.wait(timeout: first) }
                try await Self.waiting(wakeup)
                wakeup.signal()
                #expect(await Self.ends(within: .seconds(10)) { await waiting.value })
            }
            let start = ContinuousClock.now
            #expect(await Self.ends(within: .seconds(10)) { await wakeup.wait(timeout: .milliseconds(100)) }, "round \(round)")
            #expect(ContinuousClock.now - start >= .milliseconds(100), "round \(round)")
        }
    }

    /// A closed wakeup ends its wait and its clock at once, not at the wait's deadline.
    @Test func closingEndsTheWaitAndTheClock() async throws {
        let wakeup = StoreWakeup()
        let waiting = Task { await wakeup.wait(timeout: .seconds(3600)) }
        try await Self.waiting(wakeup)
        #expect(wakeup.hasClock)
        wakeup.close()
        #expect(await Self.ends(within: .seconds(10)) { await waiting.value })
        #expect(!wakeup.hasClock)
    }
}

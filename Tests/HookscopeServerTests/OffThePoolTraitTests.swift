import Foundation
import Synchronization
import Testing
import TestSupport

/// The trait the blocking suites carry: their tests run on the blocking executor's threads,
/// before and after a suspension; a job there never waits for a busy thread; and the
/// admission lets only so many such tests in at once.
@Suite(.offThePool) struct OffThePoolTraitTests {
    /// Sync: `Thread.current` and semaphores may not be used from an async context.
    static func onABlockingThread() -> Bool {
        BlockingTestExecutor.shared.isCurrentThread
    }

    @Test func aSyncTestRunsOnABlockingThread() {
        #expect(Self.onABlockingThread())
    }

    @Test func anAsyncTestStaysThereAcrossSuspensions() async throws {
        #expect(Self.onABlockingThread())
        try await Task.sleep(for: .milliseconds(5))
        #expect(Self.onABlockingThread())
    }

    /// This test's thread blocks until a job it enqueued has run: with a fixed set of
    /// threads all blocked that way, the job would never run.
    @Test func aJobRunsWhileTheThreadsItCouldUseAreBlocked() {
        let ran = DispatchSemaphore(value: 0)
        let where_ = Mutex(false)
        Task(executorPreference: BlockingTestExecutor.shared) {
            where_.withLock { $0 = Self.onABlockingThread() }
            ran.signal()
        }
        #expect(ran.wait(timeout: .now() + 30) == .success, "the job ran while this thread was blocked")
        #expect(where_.withLock { $0 }, "on a thread of the blocking executor")
    }

    @Test func theAdmissionLetsInItsLimitAndTheNextWhenOneLeaves() async throws {
        let admission = TestAdmission(limit: 2)
        await admission.enter()
        await admission.enter()
        let third = Mutex(false)
        let waiter = Task {
            await admission.enter()
            third.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(!third.withLock { $0 }, "the third waits while two are inside")
        #expect(admission.inside == 2)
        admission.leave()
        await waiter.value
        #expect(third.withLock { $0 })
        #expect(admission.inside == 2, "the place passed on")
        admission.leave()
        admission.leave()
        #expect(admission.inside == 0)
    }

    /// Which of these signals the calling thread blocks.
    static func blocked(_ signals: [Int32]) -> [Int32] {
        var mask = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &mask)
        return signals.filter { sigismember(&mask, $0) == 1 }
    }

    /// The tests' processes are started from here as they were from the pool: with the
    /// pool's signal mask (SIGCHLD blocked, which Foundation's `Process` relies on).
    @Test func theThreadsBlockTheSignalsThePoolsThreadsBlock() async {
        let signals = Array(Int32(1)...Int32(64))
        let here = Self.blocked(signals)
        let onThePool = await Task.detached { Self.blocked(signals) }.value
        #expect(here == onThePool)
        #expect(here.contains(SIGCHLD))
        #expect(!here.contains(SIGSEGV))
    }

    /// Marked twice (here and by the suite), the test is admitted once: twice, it would
    /// hold a place while waiting for another.
    @Test(.offThePool) func aTestMarkedTwiceIsAdmittedOnce() {
        #expect(OffThePoolTrait.admissions == 1)
        #expect(Self.onABlockingThread())
    }
}

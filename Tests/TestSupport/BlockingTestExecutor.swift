import Foundation
import Synchronization

/// Threads of their own for tests that block: a test that waits for a process, polls a
/// file with `Thread.sleep` or waits for curl holds its thread for seconds. On the
/// cooperative pool (as many threads as cores: two on the CI machine) two such tests held
/// every other test's tasks meanwhile, and the store tests' database deadlines, whose next
/// step could not run, expired all at once (CI, 2026-12-02: five "checking the schema: the
/// database did not answer within 10 s" at the same instant). Tests under `.offThePool`
/// run their jobs here instead, and the cooperative pool stays free for the rest.
///
/// A job never waits for a thread: when none is idle, one more is started (and kept). A
/// fixed number made a test's next step wait behind other tests' blocking waits: a replay
/// re-signed at one instant was checked a minute later. How many tests run here at once is
/// bounded by `OffThePoolTrait` instead, so the threads are about as many as those tests.
public final class BlockingTestExecutor: TaskExecutor, @unchecked Sendable {
    /// One for the test process.
    public static let shared = BlockingTestExecutor()

    // The queue of jobs and the count of idle threads, under `condition`'s lock; idle
    // threads wait on it.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var idle = 0
    private let threadIDs = Mutex<[pthread_t]>([])

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        // Threads woken but not yet running still count as idle: start one only when the
        // jobs outnumber them.
        let startAnother = jobs.count > idle
        if !startAnother { condition.signal() }
        condition.unlock()
        if startAnother { startThread() }
    }

    /// Whether the caller runs on one of its threads (tests check where they ran).
    public var isCurrentThread: Bool {
        let me = pthread_self()
        return threadIDs.withLock { $0.contains { pthread_equal($0, me) != 0 } }
    }

    /// How many threads it has started.
    public var threadCount: Int { threadIDs.withLock { $0.count } }

    private func startThread() {
        let thread = Thread { [self] in
            Self.blockSignalsAsDispatchWorkersDo()
            threadIDs.withLock { $0.append(pthread_self()) }
            work()
        }
        thread.name = "test-blocking"
        thread.start()
    }

    /// The signal mask the cooperative pool's threads have: libdispatch's workers block
    /// every signal but the synchronous ones, SIGPIPE and SIGPROF. Set whole, not added to
    /// whatever the creating thread had: a job may be enqueued from any thread (an event
    /// loop resuming a test), and the tests' processes, which inherit the spawning thread's
    /// mask, start from here as they did from the pool.
    private static func blockSignalsAsDispatchWorkersDo() {
        var mask = sigset_t()
        sigfillset(&mask)
        for kept in [SIGILL, SIGTRAP, SIGFPE, SIGBUS, SIGSEGV, SIGSYS, SIGPIPE, SIGPROF] {
            sigdelset(&mask, kept)
        }
        pthread_sigmask(SIG_SETMASK, &mask, nil)
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
            condition.lock()
        }
    }
}

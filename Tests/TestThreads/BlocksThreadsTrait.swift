import Dispatch
import Foundation
import Testing

/// For suites whose tests block their thread (they wait for processes, poll with
/// `Thread.sleep`, read pipes): the end-to-end suites. Runs each test on threads of its
/// own instead of Swift's task pool.
///
/// The pool has one thread per core, two on the CI machine. Swift Testing calls a
/// synchronous test on a pool thread, so two end-to-end tests waiting at once left the
/// pool no thread for the async code of every other test in the same process (the store
/// tests, the server tests' in-process servers), which then timed out under load
/// ("checking the schema … within 10 s", ForwardingTests' held-forward test).
///
/// A task executor preference moves the test's own code (and its `async let` and task
/// group children) onto dispatch threads that are not the pool's. Unstructured tasks and
/// the code under test keep using the pool, which is now free for them.
///
/// The pool also limited how many of these tests ran at once, and nothing else did: off
/// the pool every end-to-end test started at once, each with its processes, and the
/// store tests' deadlines passed for want of CPU. So `TestAdmission` lets as many run at
/// a time as the pool did (one per core); the others wait without a thread. Only the
/// end-to-end suites have the trait: with it on the store and server suites too, those
/// waited in the same line and still timed out in a loaded full run (4 of 856).
public struct BlocksThreadsTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // A suite's own scope holds no place: its tests would wait for it forever.
        guard !test.isSuite else { return try await function() }
        await TestAdmission.shared.enter()
        do {
            try await withTaskExecutorPreference(BlockingTestExecutor.shared) {
                try await function()
            }
        } catch {
            await TestAdmission.shared.leave()
            throw error
        }
        await TestAdmission.shared.leave()
    }
}

/// How many blocking tests run at once; the others wait, in order, without a thread.
actor TestAdmission {
    static let shared = TestAdmission(limit: max(2, ProcessInfo.processInfo.activeProcessorCount))

    let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    func enter() async {
        guard running >= limit else {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the place to the next one waiting, if any.
    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension Trait where Self == BlocksThreadsTrait {
    /// The suite's tests block their thread: run them off Swift's task pool.
    public static var blocksThreads: Self { Self() }
}

/// Runs each job on a serial dispatch queue of its own. Serial queues run on libdispatch's
/// overcommit threads, which it adds whenever the running ones are blocked; a concurrent
/// queue would not do: it runs on the non-overcommit threads, at most one per core, so
/// the blocking tests starved each other there as they did the task pool (the store
/// tests' schema checks timed out in a loaded full run with one shared concurrent queue).
public final class BlockingTestExecutor: TaskExecutor {
    public static let shared = BlockingTestExecutor()

    /// Set on the threads while they run one of this executor's jobs, so a test can check
    /// where it runs.
    static let marker = "hookscope.tests.blocking"

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        DispatchQueue(label: Self.marker).async {
            Thread.current.threadDictionary[Self.marker] = true
            job.runSynchronously(on: executor)
            Thread.current.threadDictionary[Self.marker] = nil
        }
    }

    /// Whether the caller runs on one of this executor's threads.
    public static var isCurrent: Bool { Thread.current.threadDictionary[marker] as? Bool == true }
}

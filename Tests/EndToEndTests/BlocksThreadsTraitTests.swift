import Dispatch
import Foundation
import Testing
import TestThreads

/// The trait that keeps blocking tests off Swift's task pool does move them.
@Suite(.blocksThreads) struct BlocksThreadsTraitTests {
    @Test func aSynchronousTestRunsOnTheBlockingExecutor() {
        #expect(BlockingTestExecutor.isCurrent)
    }

    /// A test that blocks its thread while waiting for its own child task: the child gets a
    /// thread of its own (a serial executor, or a pool with every thread blocked, would
    /// leave it waiting forever).
    @Test func aChildTaskRunsWhileTheTestBlocks() async throws {
        let started = DispatchSemaphore(value: 0)
        async let child: Bool = {
            started.signal()
            return BlockingTestExecutor.isCurrent
        }()
        let waited = started.wait(timeout: .now() + 30)
        #expect(waited == .success, "the child task never started while its parent blocked")
        #expect(await child, "the child inherits the executor")
    }

    /// Many more tests block at once than there are cores: the next job still gets a thread
    /// at once. (A concurrent dispatch queue adds threads for blocked ones about once a
    /// second: its 64 blockers would not all be released within their 30 s.)
    @Test func manyBlockedTasksLeaveAThreadForOneMore() async {
        let release = DispatchSemaphore(value: 0)
        let blockers = 64
        let released = await withTaskGroup(of: Bool.self) { group -> Int in
            for _ in 0..<blockers {
                group.addTask { release.wait(timeout: .now() + 30) == .success }
            }
            group.addTask {
                for _ in 0..<blockers { release.signal() }
                return false
            }
            var released = 0
            for await ok in group where ok { released += 1 }
            return released
        }
        #expect(released == blockers, "blocked tasks that were released: \(released) of \(blockers)")
    }
}

/// Without the trait, a test runs on Swift's task pool: the check above can fail.
@Suite struct WithoutBlocksThreadsTraitTests {
    @Test func aTestWithoutTheTraitRunsOnThePool() {
        #expect(!BlockingTestExecutor.isCurrent)
    }
}

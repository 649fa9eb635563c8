import Foundation
import HookscopeCore
@testable import HookscopeStore
import Synchronization
import Testing

extension SharedPlanStoreTests {
    /// What the follower saw: how often it read who is attached, and how many plans came.
    final class FollowerLog: Sendable {
        let watching = Mutex(true)
        let watcherReads = Mutex(0)
        let changes = Mutex(0)
    }

    /// `watchingAlso` (session 17, B3; review 18b L2): with the plan's intercept off, the
    /// follower reads who is attached while it says so (requests held for the shared
    /// intercept still wait), and stops once it says no: the extra read is not made for
    /// ever. Each "stopped" is judged after a plan change written after the switch, read
    /// by a round that began after it.
    @Test func whoIsAttachedIsReadWhileWatchingAlsoSaysSoAndNotAfter() async throws {
        let store = try await TestStore()
        let plans = SharedPlanStore(connector: store.connector)
        try await plans.reset()   // the table, before anyone follows
        let log = FollowerLog()
        let following = Task {
            await plans.follow(watchers: { _ in log.watcherReads.withLock { $0 += 1 } },
                               watchingAlso: { log.watching.withLock { $0 } },
                               changed: { _ in log.changes.withLock { $0 += 1 } })
        }
        defer { following.cancel() }
        try await eventually("read round after round, the intercept off") { log.watcherReads.withLock { $0 } >= 2 }

        log.watching.withLock { $0 = false }
        _ = try await plans.change([.respond("503")], by: "ana@laptop")
        try await eventually("the change is read") { log.changes.withLock { $0 } == 1 }
        let reads = log.watcherReads.withLock { $0 }
        _ = try await plans.change([.respond("504")], by: "ana@laptop")
        try await eventually("the next change is read") { log.changes.withLock { $0 } == 2 }
        #expect(log.watcherReads.withLock { $0 } == reads, "not read once watchingAlso said no")

        // And again while it says so.
        log.watching.withLock { $0 = true }
        try await eventually("read again") { log.watcherReads.withLock { $0 } > reads }
    }
}

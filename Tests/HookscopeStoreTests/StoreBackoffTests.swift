@testable import HookscopeStore
import Testing

/// The store loops' wait after a failure: doubling to 5 s, and back to 100 ms only when
/// work went through (review M5).
@Suite struct StoreBackoffTests {
    @Test func failuresInARowWaitTwiceAsLongUpToFiveSeconds() {
        var backoff = StoreBackoff()
        let waits = (1...9).map { _ in backoff.failed() }
        #expect(waits == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                          .milliseconds(1600), .milliseconds(3200), .seconds(5), .seconds(5), .seconds(5)])
    }

    @Test func onlyWorkThatWentThroughStartsTheWaitsAgain() {
        var backoff = StoreBackoff()
        for _ in 1...4 { _ = backoff.failed() }
        // A connection that opened is no success: the loop does not tell the backoff, and
        // the next failure waits longer still.
        #expect(backoff.next == .milliseconds(1600))
        backoff.succeeded()
        #expect(backoff.failed() == .milliseconds(100))
        #expect(backoff.failed() == .milliseconds(200))
    }
}

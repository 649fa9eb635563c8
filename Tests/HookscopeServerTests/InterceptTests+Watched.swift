import Foundation
import HookscopeCore
@testable import HookscopeServer
import Synchronization
import Testing

/// What is held for the shared intercept only while watched, at the controller itself:
/// the one decision that admits and holds (review 18b L1), and `holdsWhileWatched`, which
/// keeps the listener reading who is attached, and must go false again so that the extra
/// read stops (review 18b L2).
extension InterceptTests {
    static func admit(_ interceptor: InterceptController, _ id: Int, decided: DecisionLog) -> InterceptController.Admission {
        interceptor.admit(id: id, since: .now()) { decision in decided.add(id, decision) }
    }

    /// The decisions the held requests got, in order.
    final class DecisionLog: Sendable {
        private let entries = Mutex<[(Int, InterceptController.Decision)]>([])
        func add(_ id: Int, _ decision: InterceptController.Decision) { entries.withLock { $0.append((id, decision)) } }
        var ids: [Int] { entries.withLock { $0.map(\.0) } }
        var decisions: [InterceptController.Decision] { entries.withLock { $0.map(\.1) } }
    }

    /// Admitted while the shared intercept is on and watched, then the intercept goes off
    /// (or the plan is reset) before anything else: the request was held for the shared
    /// intercept, so the last UI leaving still releases it. Decided under two locks
    /// (`admission`, then `hold`), the off in between had it held as the listener's own:
    /// left out of `holdsWhileWatched` and of `releaseUnwatched`, it waited out
    /// --intercept-timeout. `admit` leaves no in-between: what it decides is what it holds.
    @Test func aRequestAdmittedForTheSharedInterceptStaysSoWhenTheInterceptGoesOff() {
        let interceptor = InterceptController(timeoutMilliseconds: 60_000)
        let decided = DecisionLog()
        interceptor.setEnabled(true, onlyWhileWatched: true)
        interceptor.setWatched(true)
        #expect(Self.admit(interceptor, 1, decided: decided) == .hold)
        interceptor.setEnabled(false, onlyWhileWatched: false)
        #expect(interceptor.holdsWhileWatched, "held for the shared intercept, as admitted")
        #expect(Self.admit(interceptor, 2, decided: decided) == .answer, "intercept off: nothing more is held")
        interceptor.setWatched(false)
        #expect(interceptor.releaseUnwatched() == [1])
        #expect(decided.ids == [1] && decided.decisions == [.unattended])
        #expect(interceptor.waiting.isEmpty)
    }

    /// `admit` says what it did: held only when it holds, nothing kept otherwise.
    @Test func admitHoldsOnlyWhatItSaysItHolds() {
        let interceptor = InterceptController(timeoutMilliseconds: 60_000)
        let decided = DecisionLog()
        #expect(Self.admit(interceptor, 1, decided: decided) == .answer)
        interceptor.setEnabled(true, onlyWhileWatched: true)
        #expect(Self.admit(interceptor, 2, decided: decided) == .unattended, "nobody watches")
        #expect(interceptor.waiting.isEmpty)
        interceptor.setEnabled(true)
        #expect(Self.admit(interceptor, 3, decided: decided) == .hold)
        #expect(interceptor.waiting.map(\.id) == [3])
        #expect(interceptor.isWaiting(id: 3))
        #expect(decided.ids.isEmpty)
    }

    /// `holdsWhileWatched` is true only while a request held for the shared intercept waits:
    /// not for the listener's own intercept, and false again once that request is decided,
    /// forgotten (timed out, hung up) or released, so the listener's extra read stops.
    @Test func holdsWhileWatchedOnlyWhileASharedInterceptRequestWaits() {
        let interceptor = InterceptController(timeoutMilliseconds: 60_000)
        let decided = DecisionLog()
        #expect(!interceptor.holdsWhileWatched)
        interceptor.setEnabled(true)
        #expect(Self.admit(interceptor, 1, decided: decided) == .hold)
        #expect(!interceptor.holdsWhileWatched, "the listener's own intercept")

        interceptor.setEnabled(true, onlyWhileWatched: true)
        interceptor.setWatched(true)
        #expect(Self.admit(interceptor, 2, decided: decided) == .hold)
        #expect(interceptor.holdsWhileWatched)
        #expect(interceptor.decide(id: 2, .drop))
        #expect(!interceptor.holdsWhileWatched, "decided")

        #expect(Self.admit(interceptor, 3, decided: decided) == .hold)
        #expect(interceptor.holdsWhileWatched)
        #expect(interceptor.forget(id: 3))
        #expect(!interceptor.holdsWhileWatched, "forgotten")

        #expect(Self.admit(interceptor, 4, decided: decided) == .hold)
        #expect(Self.admit(interceptor, 5, decided: decided) == .hold)
        interceptor.setWatched(false)
        #expect(interceptor.releaseUnwatched() == [4, 5])
        #expect(!interceptor.holdsWhileWatched, "released")
        #expect(interceptor.waiting.map(\.id) == [1], "the own intercept's request still waits")
        #expect(decided.ids == [2, 4, 5])
    }
}

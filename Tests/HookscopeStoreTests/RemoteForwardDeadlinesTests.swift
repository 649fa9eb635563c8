@testable import HookscopeStore
import Testing

/// The relay's deadlines (pure): each kind's queue in the order set, answered deliveries
/// dropped without waking anyone, and the next wake-up the first deadline that matters.
@Suite struct RemoteForwardDeadlinesTests {
    let start = ContinuousClock.now

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

    @Test func dueDeadlinesComeOutInOrderAndTheNextOneIsTheWakeUp() {
        var deadlines = RemoteForwardDeadlines()
        for id in 1...3 {
            deadlines.add(.claim, id: id, at: at(100 * id))
            deadlines.add(.backstop, id: id, at: at(1000 + 100 * id))
        }
        let first = deadlines.next(now: at(250)) { _, _ in true }
        #expect(first.due == [.init(kind: .claim, id: 1), .init(kind: .claim, id: 2)])
        #expect(first.sleepUntil == at(300))
        let second = deadlines.next(now: at(1150)) { _, _ in true }
        #expect(second.due == [.init(kind: .claim, id: 3), .init(kind: .backstop, id: 1)])
        #expect(second.sleepUntil == at(1200))
        #expect(deadlines.count == 2)
    }

    /// A delivery answered long before its deadlines is dropped at the next look, due or
    /// not: the clock then sleeps until the first deadline of a delivery still waiting,
    /// not until each answered one's.
    @Test func answeredDeliveriesAreDroppedAndDoNotSetTheWakeUp() {
        var deadlines = RemoteForwardDeadlines()
        for id in 1...1000 {
            deadlines.add(.claim, id: id, at: at(id))
            deadlines.add(.forward, id: id, at: at(5000 + id))
        }
        let next = deadlines.next(now: at(0)) { _, id in id == 999 }
        #expect(next.due.isEmpty)
        #expect(next.sleepUntil == at(999))
        // Each queue keeps its deadlines from the first that still waits (999's) on.
        #expect(deadlines.count == 4)
    }

    /// Only the deadlines of the kind that still matters fire: a claimed delivery has no
    /// claim deadline any more, but keeps its forward deadline.
    @Test func eachKindAsksWhetherItStillMatters() {
        var deadlines = RemoteForwardDeadlines()
        deadlines.add(.claim, id: 7, at: at(10))
        deadlines.add(.forward, id: 7, at: at(20))
        let next = deadlines.next(now: at(30)) { kind, _ in kind == .forward }
        #expect(next.due == [.init(kind: .forward, id: 7)])
        #expect(next.sleepUntil == nil)
        #expect(deadlines.count == 0)
    }

    /// A deadline set out of order (not expected) still comes out in its place.
    @Test func aDeadlineSetOutOfOrderTakesItsPlace() {
        var deadlines = RemoteForwardDeadlines()
        deadlines.add(.claim, id: 1, at: at(300))
        deadlines.add(.claim, id: 2, at: at(100))
        deadlines.add(.claim, id: 3, at: at(200))
        #expect(deadlines.next(now: at(0)) { _, _ in true }.sleepUntil == at(100))
        #expect(deadlines.next(now: at(250)) { _, _ in true }.due.map(\.id) == [2, 3])
        #expect(deadlines.next(now: at(300)) { _, _ in true }.due.map(\.id) == [1])
    }

    /// Many deadlines through the queue, a few at a time, with compaction on the way: each
    /// comes out once, in order.
    @Test func manyDeadlinesComeOutOnceEachInOrder() {
        var deadlines = RemoteForwardDeadlines()
        var seen: [Int] = []
        var next = 0
        for step in 0..<500 {
            for _ in 0..<7 {
                next += 1
                deadlines.add(.backstop, id: next, at: at(next))
            }
            seen += deadlines.next(now: at(step * 5)) { _, _ in true }.due.map(\.id)
        }
        seen += deadlines.next(now: at(next)) { _, _ in true }.due.map(\.id)
        #expect(seen == Array(1...next))
        #expect(deadlines.count == 0)
    }
}

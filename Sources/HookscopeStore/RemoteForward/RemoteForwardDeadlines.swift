/// The relay's deadlines for the deliveries it waits for, kept for one clock task instead of
/// a sleeping task each. Every deadline of one kind is the same delay after an event that
/// comes in order (an offer, a claim seen), so each kind's deadlines fall due in the order
/// they were set: three queues, no sorting. A deadline whose delivery has been answered
/// is dropped when the clock next looks (`next`), so the clock sleeps until the first
/// deadline that still matters; with every delivery answered well within its deadlines,
/// that is one wake-up per claim timeout or so, however many deliveries pass.
///
/// Before this, every offer started a task that slept through both timeouts and every
/// claim seen another through the forward timeout: at c=16 through the tunnel some 25 000
/// live timers at a time in libdispatch's heap, whose upkeep cost ~10 % of the listener's
/// CPU (perf, docs/benchmarks.md, issue #16).
struct RemoteForwardDeadlines {
    enum Kind: Int, CaseIterable, Sendable {
        /// Nobody claimed the offer in time: taken back, answered by the plan.
        case claim
        /// Both timeouts after the offer, whatever happened: answered by the plan. Holds
        /// while the database is away (a claim is then never seen).
        case backstop
        /// The claimer's app did not answer within the forward timeout of the claim.
        case forward
    }

    struct Due: Equatable, Sendable {
        var kind: Kind
        var id: Int
    }

    private var queues: [[(at: ContinuousClock.Instant, id: Int)]] = Array(repeating: [], count: Kind.allCases.count)
    private var heads = Array(repeating: 0, count: Kind.allCases.count)

    /// Deadlines kept, answered ones not yet dropped included.
    var count: Int { Kind.allCases.reduce(0) { $0 + queues[$1.rawValue].count - heads[$1.rawValue] } }

    /// Sets a deadline for delivery `id`. A deadline earlier than the last of its kind
    /// (not expected: the clock is monotonic and each kind's delay the same) is put in its
    /// place all the same.
    mutating func add(_ kind: Kind, id: Int, at instant: ContinuousClock.Instant) {
        let k = kind.rawValue
        var index = queues[k].count
        while index > heads[k], queues[k][index - 1].at > instant { index -= 1 }
        queues[k].insert((instant, id), at: index)
    }

    /// Takes out the deadlines due at `now` whose deliveries still wait (`stillWaits`),
    /// drops those that no longer do (due or not: from the front of each queue, up to the
    /// first that still waits), and says when the next one that still waits falls due
    /// (nil: none left).
    mutating func next(now: ContinuousClock.Instant, stillWaits: (Kind, Int) -> Bool) -> (due: [Due], sleepUntil: ContinuousClock.Instant?) {
        var due: [Due] = []
        var sleepUntil: ContinuousClock.Instant?
        for kind in Kind.allCases {
            let k = kind.rawValue
            while heads[k] < queues[k].count {
                let (at, id) = queues[k][heads[k]]
                let waits = stillWaits(kind, id)
                if waits, at > now {
                    sleepUntil = min(sleepUntil ?? at, at)
                    break
                }
                heads[k] += 1
                if waits { due.append(Due(kind: kind, id: id)) }
            }
            // Compacted once half of it is gone: each deadline is copied O(1) times.
            if heads[k] > 64, heads[k] * 2 > queues[k].count {
                queues[k].removeFirst(heads[k])
                heads[k] = 0
            }
        }
        return (due, sleepUntil)
    }
}

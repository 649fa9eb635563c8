import Synchronization

/// Counts the connections open at once against `--max-connections`, and the ones turned
/// away. Asked by each new connection as its pipeline is set up (on its own event loop, so
/// the counts are atomics). Past the limit, a few connections at a time are given a short
/// `503` with `Retry-After: 1` (`ConnectionRefusal`) so the sender knows to come back; past
/// that too, they are closed at once, so a flood costs file descriptors only briefly.
final class ConnectionLimiter: Sendable {
    enum Admission: Equatable {
        case serve
        /// Over the limit: read the request head and answer 503.
        case answer503
        /// Over the limit and over the refusals being answered: close now.
        case close
    }

    let limit: Int
    /// Refusals being answered at once, at most; each lasts a second or less.
    let answeringLimit: Int
    private let open = Atomic<Int>(0)
    private let answering = Atomic<Int>(0)
    private let refusedCount = Atomic<Int>(0)

    init(limit: Int, answeringLimit: Int = 64) {
        self.limit = limit
        self.answeringLimit = answeringLimit
    }

    /// Connections turned away since start (answered 503 or closed).
    var refused: Int { refusedCount.load(ordering: .relaxed) }

    /// Decides for a new connection; `.serve` and `.answer503` must be followed by
    /// `finished(_:)` with the same answer when the connection closes.
    func admit() -> Admission {
        if open.wrappingAdd(1, ordering: .relaxed).newValue <= limit { return .serve }
        open.wrappingSubtract(1, ordering: .relaxed)
        refusedCount.wrappingAdd(1, ordering: .relaxed)
        if answering.wrappingAdd(1, ordering: .relaxed).newValue <= answeringLimit { return .answer503 }
        answering.wrappingSubtract(1, ordering: .relaxed)
        return .close
    }

    func finished(_ admission: Admission) {
        switch admission {
        case .serve: open.wrappingSubtract(1, ordering: .relaxed)
        case .answer503: answering.wrappingSubtract(1, ordering: .relaxed)
        case .close: break
        }
    }
}

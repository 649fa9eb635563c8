import Synchronization

/// At most `limit` holders at once; the others wait their turn, suspended (holding no
/// thread), first come first served. `OffThePoolTrait` admits the blocking tests through one.
public final class TestAdmission: Sendable {
    private struct State {
        var inside = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    public let limit: Int
    private let state = Mutex(State())

    public init(limit: Int) {
        self.limit = limit
    }

    /// Returns once admitted; `leave()` after.
    public func enter() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.inside < limit {
                    state.inside += 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Lets the next one in (its place passes on), or frees the place.
    public func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.inside -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// How many are inside now.
    public var inside: Int { state.withLock { $0.inside } }
}

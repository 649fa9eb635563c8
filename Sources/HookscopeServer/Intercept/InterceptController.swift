import HookscopeCore
import Synchronization

/// Holds requests for the user to answer by hand (intercept mode).
///
/// While intercept is on, each new request waits here until the user answers or drops it,
/// or the timeout passes and the default answer is sent (source `timeout`). One lock
/// around the switch and the table of waiting requests; each waiting request carries a
/// function that hands the decision back to its connection's event loop.
public final class InterceptController: Sendable {
    /// What the user decided for a waiting request.
    public enum Decision: Sendable, Equatable {
        case answer(AnswerSpec)
        /// Close the connection without an answer.
        case drop
        /// Answer as if intercept were off (the plan, or the app behind --forward).
        case asPlanned
        /// Send it to the app along the --forward route it matches, whatever the plan
        /// says; the sender gets the app's answer. With no route matching, as planned.
        case forward
        /// Offer it to this forwarder attached to the shared store (`attach --forward`,
        /// by its id) whatever the plan says; the sender gets its app's
        /// answer, or the plan's at the claim or forward deadline. Without a store, as
        /// planned.
        case forwardThroughStore(forwarder: String)
        /// Nobody is left who may decide (the last terminal UI attached to the store left):
        /// the plan answers, recorded with source `unattended`, as a request arriving now
        /// is. Not the user's: `releaseUnwatched` gives it.
        case unattended
    }

    /// A request waiting for a decision, as the UI shows it.
    public struct Waiting: Sendable, Equatable {
        public var id: Int
        public var since: Timestamp
        public var deadline: Timestamp
    }

    struct Entry {
        var waiting: Waiting
        /// Held for the shared intercept only while watched (`onlyWhileWatched`): answered
        /// at once when nobody watches any more (`releaseUnwatched`).
        var whileWatched: Bool
        var resolve: @Sendable (Decision) -> Void
    }

    /// What becomes of a request that arrives now.
    public enum Admission: Sendable, Equatable {
        /// Intercept is off: the plan answers.
        case answer
        /// It waits for a decision.
        case hold
        /// Intercept is on for every listener on the store, but no terminal UI watches
        /// this listener's requests: the plan answers at once (source `unattended`)
        /// rather than keep a sender waiting for a decision nobody can make.
        case unattended
    }

    private struct State {
        var enabled: Bool
        /// Set for the shared intercept in a listener without a terminal UI of its own.
        var onlyWhileWatched = false
        /// An attached terminal UI watches the store.
        var watched = false
        var entries: [Int: Entry] = [:]
    }

    /// How long a request waits before the default answer goes out. 25 s by default:
    /// under GitProductivity's documented 30 s limit, so the sender never times out first.
    public let timeoutMilliseconds: Int
    private let state: Mutex<State>

    public init(enabled: Bool = false, timeoutMilliseconds: Int = 25_000) {
        self.timeoutMilliseconds = max(1, timeoutMilliseconds)
        state = Mutex(State(enabled: enabled))
    }

    public var isEnabled: Bool { state.withLock { $0.enabled } }

    /// Turns intercept on or off. Requests already waiting keep waiting for a decision.
    /// `onlyWhileWatched`: hold only while `setWatched(true)` (the shared intercept in a
    /// listener that has no terminal UI of its own: only attached ones can decide).
    public func setEnabled(_ enabled: Bool, onlyWhileWatched: Bool = false) {
        state.withLock {
            $0.enabled = enabled
            $0.onlyWhileWatched = onlyWhileWatched
        }
    }

    /// Whether a terminal UI attached to the store watches now.
    public func setWatched(_ watched: Bool) {
        state.withLock { $0.watched = watched }
    }

    /// What would become of a request that arrived now: a look, for showing; a connection
    /// decides with `admit`, which holds the request under the same lock.
    public var admission: Admission {
        state.withLock { Self.admission($0) }
    }

    private static func admission(_ state: State) -> Admission {
        guard state.enabled else { return .answer }
        return state.onlyWhileWatched && !state.watched ? .unattended : .hold
    }

    /// The requests waiting now, oldest first.
    public var waiting: [Waiting] {
        state.withLock { $0.entries.values.map(\.waiting) }.sorted { $0.id < $1.id }
    }

    public func isWaiting(id: Int) -> Bool {
        state.withLock { $0.entries[id] != nil }
    }

    /// Answers one waiting request; false when it is no longer waiting.
    @discardableResult
    public func decide(id: Int, _ decision: Decision) -> Bool {
        guard let entry = state.withLock({ $0.entries.removeValue(forKey: id) }) else { return false }
        entry.resolve(decision)
        return true
    }

    /// Nobody who may decide watches any more: every request held only while watched is
    /// answered by the plan at once (source `unattended`); returns their ids, oldest first.
    /// Call after `setWatched(false)`: from then on `admit` answers such a request
    /// `unattended`, so none can slip in after this took the list (session 17, B3).
    @discardableResult
    public func releaseUnwatched() -> [Int] {
        let entries = state.withLock { state in
            let released = state.entries.values.filter(\.whileWatched)
            for entry in released { state.entries[entry.waiting.id] = nil }
            return released.sorted { $0.waiting.id < $1.waiting.id }
        }
        for entry in entries { entry.resolve(.unattended) }
        return entries.map(\.waiting.id)
    }

    /// Whether a request held only while watched still waits: the shared intercept may be
    /// off by now (held ones keep waiting), and it is the watch that answers them when the
    /// last terminal UI that may decide leaves (`releaseUnwatched`), so the listener keeps
    /// reading who is attached for them.
    public var holdsWhileWatched: Bool {
        state.withLock { $0.entries.values.contains { $0.whileWatched } }
    }

    /// Answers every waiting request the same way; returns how many there were.
    @discardableResult
    public func decideAll(_ decision: Decision) -> Int {
        let entries = state.withLock { state in
            defer { state.entries.removeAll() }
            return Array(state.entries.values)
        }
        for entry in entries.sorted(by: { $0.waiting.id < $1.waiting.id }) { entry.resolve(decision) }
        return entries.count
    }

    /// Stopping: intercept goes off and every waiting request gets the plan's answer at
    /// once, instead of waiting out the shutdown grace for an empty reply.
    @discardableResult
    public func releaseAll() -> Int {
        setEnabled(false)
        return decideAll(.asPlanned)
    }

    /// Called by a connection for a request that arrives now: decides what becomes of it
    /// and, when that is `hold`, holds it, in one look under the lock. The request then
    /// waits here until decided, or until it times out or its sender hangs up (the
    /// connection then calls `forget`). Whether it is held only while watched is the
    /// state's at that same look: decided and held under two locks, the shared intercept
    /// could go off in between, and a request admitted for it was then held as the
    /// listener's own, so the last terminal UI leaving never released it and it waited out
    /// `--intercept-timeout` (review 18b L1). Likewise `releaseUnwatched`, which runs after
    /// `setWatched(false)`, cannot miss a request admitted before it: that one is in the
    /// table already.
    func admit(id: Int, since: Timestamp, resolve: @escaping @Sendable (Decision) -> Void) -> Admission {
        let deadline = Timestamp(nanosecondsSinceEpoch: since.nanosecondsSinceEpoch + Int64(timeoutMilliseconds) * 1_000_000)
        return state.withLock { state in
            let admission = Self.admission(state)
            if admission == .hold {
                state.entries[id] = Entry(waiting: Waiting(id: id, since: since, deadline: deadline), whileWatched: state.onlyWhileWatched, resolve: resolve)
            }
            return admission
        }
    }

    /// Removes a request that was answered some other way (timeout, hang-up); true if it
    /// was still waiting, i.e. this caller gets to answer it.
    func forget(id: Int) -> Bool {
        state.withLock { $0.entries.removeValue(forKey: id) != nil }
    }
}

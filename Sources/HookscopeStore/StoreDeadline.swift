import Synchronization

/// Gives a database round trip a deadline. When the server goes away in the middle of a
/// query (a fast shutdown while a batch was in flight), postgres-nio can leave the await
/// pending for ever: a query handed to a connection whose channel has just closed is
/// dropped with its promise, so nothing ever resumes it. The listener's writer then never
/// noticed and never said `store: reconnecting` (found by the restart-under-load test),
/// and an attached client never caught up nor stopped on SIGTERM. Past the deadline the
/// caller treats the connection as dead; the operation is cancelled and left to end alone.
///
/// UNFINISHED (postgres-nio's limitation): an operation whose query postgres-nio dropped
/// never ends alone. `PostgresConnection.query` writes its request with `promise: nil`;
/// on a channel that has just closed that write fails, the query's promise is released
/// unfulfilled, and the `await` on it (which ignores cancellation) is never resumed. The
/// caller moves on at the deadline, but the task that ran the operation stays suspended,
/// holding the connection and what it had read, until the process exits: one small task
/// for each read or write that expired this way, i.e. a few per database outage. A query
/// that was in flight is not affected: abandoning the connection fails it, and its task
/// ends (as do a transaction's ROLLBACK and a LISTEN's sequence). Only postgres-nio can
/// end the rest: fail the query's promise when its write fails, or honour cancellation.
enum StoreDeadline {
    struct Expired: Error, CustomStringConvertible {
        var seconds: Int
        var description: String { "the database did not answer within \(seconds) s" }
    }

    /// What a long read reports as it goes: each row read moves the deadline on, so a
    /// large history over a slow link is not taken for a dead connection, and the clock
    /// stops while the rows are handed over (a slow consumer is not the database's fault).
    /// Once expired, nothing more is handed over: a read that ends late, after the caller
    /// has moved on to a new connection, cannot deliver rows out of order.
    final class Progress: Sendable {
        private struct State {
            var until: ContinuousClock.Instant
            var holding = 0
            var expired = false
        }

        /// A look at the clock this much later than it was due means this process did not
        /// run its tasks meanwhile (its thread pool held by blocking work, as in a loaded
        /// test run; a laptop asleep): that time is not the database's silence, and the
        /// answer may be waiting for a thread just like the clock was. The deadline then
        /// starts again from that look: only a clock that looks on time calls it. Without
        /// this the schema check at start failed every store test of a full test run at once.
        ///
        /// UNFINISHED (review L4): the restarts have no cap, so under a starvation that never
        /// ends a dead connection is not called dead. A cap of three brought back the
        /// schema check's expiry in loaded full test runs; a better measure of "this
        /// process ran" than a late look is needed.
        static let lateness = Duration.seconds(1)

        /// How often the clock looks while it waits. It used to sleep until the deadline in
        /// one go, and a stall that began and ended within that sleep went unseen: the
        /// look at the deadline was on time, and the answer that could not be read during
        /// the stall counted as the database's silence (CI, 2026-12-02: five schema checks
        /// of a loaded full test run expired at the same instant, 0.6 s after the test
        /// process's threads were free again). Looking often, a stall makes the next look late.
        static let lookInterval = Duration.milliseconds(250)

        private let state: Mutex<State>
        let seconds: Int

        /// When it began: the clock's first look is due then. A stall before that look (the
        /// clock's task not yet run, as when a whole test run starts at once) is seen as a
        /// late look like any other, not counted against the database (session 19 review H1).
        let started: ContinuousClock.Instant

        init(seconds: Int) {
            self.seconds = seconds
            started = .now
            state = Mutex(State(until: started + .seconds(seconds)))
        }

        /// The database answered: the deadline starts again.
        func advanced() {
            let next = ContinuousClock.now + .seconds(seconds)
            state.withLock { $0.until = next }
        }

        /// Runs `body` with the clock stopped; throws `Expired` when the time was already up.
        func pausing<R>(_ body: () async throws -> R) async throws -> R {
            try state.withLock { state in
                if state.expired { throw Expired(seconds: seconds) }
                state.holding += 1
            }
            defer {
                let next = ContinuousClock.now + .seconds(seconds)
                state.withLock { $0.holding -= 1; $0.until = next }
            }
            return try await body()
        }

        /// Called when the caller has moved on: nothing more is handed over.
        func expire() {
            state.withLock { $0.expired = true }
        }

        /// When to look again (within `lookInterval`), or nil once the deadline has passed
        /// (from then on expired). `due`: when this look was planned (nil for the first,
        /// which is due when the deadline began).
        func nextCheck(now: ContinuousClock.Instant, due: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
            state.withLock { state in
                if state.holding > 0 { return now + Self.lookInterval }
                if now - (due ?? started) > Self.lateness {
                    state.until = now + .seconds(seconds)
                }
                if state.until <= now {
                    state.expired = true
                    return nil
                }
                return min(state.until, now + Self.lookInterval)
            }
        }
    }

    static func run<T: Sendable>(seconds: Int, _ operation: @escaping @Sendable (Progress) async throws -> T) async throws -> T {
        let race = Race<T>(progress: Progress(seconds: seconds))
        // A cancelled caller (a listener stopping) does not wait for the clock either.
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(continuation, operation)
            }
        } onCancel: {
            race.finish(with: .failure(CancellationError()), byOperation: false)
        }
    }

    /// Whichever ends first, the operation, the clock or the caller's cancellation,
    /// resumes the caller; once. When it is not the operation, the operation is cancelled
    /// and may hand over nothing more.
    private final class Race<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var tasks: [Task<Void, Never>] = []
            var over = false
        }

        private let state = Mutex(State())
        let progress: Progress

        init(progress: Progress) {
            self.progress = progress
        }

        func start(_ continuation: CheckedContinuation<T, any Error>, _ operation: @escaping @Sendable (Progress) async throws -> T) {
            // Cancelled before the continuation existed: the handler found nothing to resume.
            let over = state.withLock { state -> Bool in
                if !state.over { state.continuation = continuation }
                return state.over
            }
            if over {
                continuation.resume(throwing: CancellationError())
                return
            }
            let progress = self.progress
            let work = Task {
                let result: Result<T, any Error>
                do { result = .success(try await operation(progress)) } catch { result = .failure(error) }
                self.finish(with: result, byOperation: true)
            }
            let clock = Task {
                var due: ContinuousClock.Instant?
                while let next = progress.nextCheck(now: .now, due: due) {
                    try? await Task.sleep(until: next)
                    guard !Task.isCancelled else { return }
                    due = next
                }
                self.finish(with: .failure(Expired(seconds: progress.seconds)), byOperation: false)
            }
            let finished = state.withLock { state -> Bool in
                state.tasks = [work, clock]
                return state.over
            }
            if finished { clock.cancel() }
        }

        func finish(with result: Result<T, any Error>, byOperation: Bool) {
            let (continuation, tasks) = state.withLock { state in
                defer {
                    state.continuation = nil
                    state.tasks = []
                    state.over = true
                }
                return (state.continuation, state.tasks)
            }
            guard let continuation else { return }
            if !byOperation { progress.expire() }
            for task in tasks { task.cancel() }
            continuation.resume(with: result)
        }
    }
}

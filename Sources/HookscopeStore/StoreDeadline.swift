import Synchronization

/// Gives a database round trip a deadline. When the server goes away in the middle of a
/// write (a fast shutdown while a batch was in flight), postgres-nio could leave the await
/// pending for ever: the listener's writer then never noticed and never said
/// `store: reconnecting` (found by the restart-under-load test). Past the deadline the
/// caller treats the connection as dead; the operation is cancelled and left to end alone.
enum StoreDeadline {
    struct Expired: Error, CustomStringConvertible {
        var seconds: Int
        var description: String { "the database did not answer within \(seconds) s" }
    }

    static func run<T: Sendable>(seconds: Int, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = Race<T>()
        // A cancelled caller (a listener stopping) does not wait for the clock either.
        return try await withTaskCancellationHandler {
            try await wait(race: race, seconds: seconds, operation)
        } onCancel: {
            race.finish(with: .failure(CancellationError()))
        }
    }

    private static func wait<T: Sendable>(race: Race<T>, seconds: Int, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            race.start(continuation)
            let work = Task {
                let result: Result<T, any Error>
                do { result = .success(try await operation()) } catch { result = .failure(error) }
                race.finish(with: result)
            }
            race.setClock(Task {
                try? await Task.sleep(for: .seconds(seconds))
                guard !Task.isCancelled else { return }
                if race.finish(with: .failure(Expired(seconds: seconds))) { work.cancel() }
            })
        }
    }

    /// Whichever ends first, the operation or the clock, resumes the caller; once.
    private final class Race<T: Sendable>: Sendable {
        private let state = Mutex<(continuation: CheckedContinuation<T, any Error>?, clock: Task<Void, Never>?)>((nil, nil))

        func start(_ continuation: CheckedContinuation<T, any Error>) {
            state.withLock { $0.continuation = continuation }
        }

        func setClock(_ clock: Task<Void, Never>) {
            let finished = state.withLock { state -> Bool in
                state.clock = clock
                return state.continuation == nil
            }
            if finished { clock.cancel() }
        }

        /// True when this call resumed the caller.
        @discardableResult
        func finish(with result: Result<T, any Error>) -> Bool {
            let (continuation, clock) = state.withLock { state in
                defer { state = (nil, nil) }
                return state
            }
            clock?.cancel()
            continuation?.resume(with: result)
            return continuation != nil
        }
    }
}

import Synchronization

/// One waiting task woken by a signal or after a timeout, whichever comes first; a signal
/// sent while nobody waits is kept for the next wait. The store's writer waits here for
/// writes, the reader for notifications.
///
/// The timeouts of one wakeup share one clock task, which sleeps until the deadline of the
/// wait in progress and, when that wait was signalled and a later one has begun, sleeps on
/// until the later one's: about one timer a timeout, however often the loop is woken. A
/// task of its own for every wait's timeout (as before) put one timer in the process's
/// timer heap per wait, each living out its whole timeout: at c=16 through the tunnel the
/// store's loops wait a few times a delivery, and the timers' upkeep (libdispatch's
/// timer heap and its manager thread's wake-ups) was ~10 % of the listener's CPU (perf,
/// docs/benchmarks.md, issue #16).
final class StoreWakeup: Sendable {
    private struct State {
        var signalled = false
        var waiter: CheckedContinuation<Void, Never>?
        /// When the waiter stops waiting.
        var deadline: ContinuousClock.Instant?
        /// When the clock task looks next; nil when none runs.
        var clockDue: ContinuousClock.Instant?
        /// The clock task's number: one that finds another number has been replaced.
        var clockGeneration = 0
        var clock: Task<Void, Never>?
    }

    private let state = Mutex(State())

    /// Whether a task waits now (for tests that signal a wait in progress).
    var hasWaiter: Bool { state.withLock { $0.waiter != nil } }

    /// Whether a clock task runs (for tests).
    var hasClock: Bool { state.withLock { $0.clockDue != nil } }

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.signalled = true
                return nil
            }
            state.waiter = nil
            state.deadline = nil
            return waiter
        }
        waiter?.resume()
    }

    /// For a wakeup no one will wait on again: ends the wait in progress and stops the
    /// clock at once, where a signal leaves it sleeping to the wait's old deadline (an hour
    /// for the relay's clock loop with nothing to wait for; review session 22, M1).
    func close() {
        let (waiter, clock) = state.withLock { state -> (CheckedContinuation<Void, Never>?, Task<Void, Never>?) in
            defer {
                state.waiter = nil
                state.deadline = nil
                state.clockDue = nil
                state.clockGeneration += 1
                state.clock = nil
            }
            return (state.waiter, state.clock)
        }
        clock?.cancel()
        waiter?.resume()
    }

    /// Waits for a signal or the timeout. Not ended by the waiting task's cancellation (a
    /// caller that stops a loop signals it, or closes the wakeup).
    func wait(timeout: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            enum Start { case signalled, clockRuns, newClock(Int, ContinuousClock.Instant) }
            let start = state.withLock { state -> Start in
                if state.signalled {
                    state.signalled = false
                    return .signalled
                }
                let deadline = ContinuousClock.now + timeout
                state.waiter = continuation
                state.deadline = deadline
                // A clock that looks no later than this deadline sleeps on to it then.
                if let due = state.clockDue, due <= deadline { return .clockRuns }
                // None, or it would look too late (a shorter timeout than the last): replaced.
                state.clock?.cancel()
                state.clock = nil
                state.clockGeneration += 1
                state.clockDue = deadline
                return .newClock(state.clockGeneration, deadline)
            }
            switch start {
            case .signalled:
                continuation.resume()
            case .clockRuns:
                break
            case .newClock(let generation, let due):
                let clock = Task { await self.runClock(generation, firstDue: due) }
                state.withLock { state in
                    if state.clockGeneration == generation { state.clock = clock } else { clock.cancel() }
                }
            }
        }
    }

    /// Sleeps to each deadline in turn; ends when nobody waits or another clock replaced it.
    private func runClock(_ generation: Int, firstDue: ContinuousClock.Instant) async {
        var due = firstDue
        while true {
            try? await Task.sleep(until: due, clock: .continuous)
            enum Next { case stop, resume(CheckedContinuation<Void, Never>), sleep(ContinuousClock.Instant) }
            let next = state.withLock { state -> Next in
                guard state.clockGeneration == generation else { return .stop }
                guard let waiter = state.waiter, let deadline = state.deadline else {
                    state.clockDue = nil
                    state.clock = nil
                    return .stop
                }
                if deadline <= .now {
                    state.waiter = nil
                    state.deadline = nil
                    state.clockDue = nil
                    state.clock = nil
                    return .resume(waiter)
                }
                state.clockDue = deadline
                return .sleep(deadline)
            }
            switch next {
            case .stop: return
            case .resume(let waiter):
                waiter.resume()
                return
            case .sleep(let deadline): due = deadline
            }
        }
    }
}

import Synchronization

/// What the process has been told by its stop signals (SIGINT, SIGTERM, SIGHUP), kept
/// apart from how they are caught (`StopSignals` in the binary) so it can be tested
/// without sending the test process signals. The first signal is the stop, awaited by the
/// session; later ones go to whoever asked to hear every one (`onEveryStop`): a second ^C
/// ends a forwarder's drain. A later signal that comes before anyone asked is kept for
/// them, not dropped.
public final class StopSignalLedger: Sendable {
    private struct State {
        var received: String?
        var waiter: CheckedContinuation<String, Never>?
        /// Told of every stop signal from when it is set (`onEveryStop`).
        var onEvery: (@Sendable (String) -> Void)?
        /// Signals after the first that came before `onEvery` was set: a second ^C pressed
        /// in the moment between the first one's stop and the wait it is meant to end.
        var unheard: [String] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Returns the name of the first stop signal received (at once if one already was).
    public func wait() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let early: String? = state.withLock { state in
                if let received = state.received { return received }
                state.waiter = continuation
                return nil
            }
            if let early { continuation.resume(returning: early) }
        }
    }

    /// Whether a stop signal has arrived (for loops that poll instead of waiting).
    public var hasReceived: Bool { state.withLock { $0.received != nil } }

    /// Calls `action` for every stop signal received from now on, the first or not, and at
    /// once for those after the first that came before it was set: a second ^C while a
    /// forwarder waits for its forwards in flight stops it waiting (session 19 review L3),
    /// even when it came before the wait began (session 20 review A, L3).
    public func onEveryStop(_ action: @escaping @Sendable (String) -> Void) {
        let unheard = state.withLock { state -> [String] in
            state.onEvery = action
            defer { state.unheard = [] }
            return state.unheard
        }
        for name in unheard { action(name) }
    }

    /// Records one stop signal, by name; called from the thread that reads them.
    public func deliver(_ name: String) {
        let (waiter, every) = state.withLock { state -> (CheckedContinuation<String, Never>?, (@Sendable (String) -> Void)?) in
            guard state.received == nil else {
                // A few are enough to act on; a burst is not kept whole.
                if state.onEvery == nil && state.unheard.count < 4 { state.unheard.append(name) }
                return (nil, state.onEvery)
            }
            state.received = name
            defer { state.waiter = nil }
            return (state.waiter, state.onEvery)
        }
        waiter?.resume(returning: name)
        every?(name)
    }
}

import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT, SIGTERM and SIGHUP (a closed terminal or a dropped ssh session) into an
/// awaitable event instead of an abrupt exit, so the server can finish its answers and
/// the save file can be flushed. Handlers are installed
/// on creation, before the server announces itself, so an early signal is not lost.
/// `@unchecked`: `sources` is written once in `init` and only kept alive after that;
/// everything that changes is behind `state`'s lock.
final class StopSignals: @unchecked Sendable {
    private struct State {
        var received: String?
        var waiter: CheckedContinuation<String, Never>?
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "hookscope.signals")
    private var sources: [DispatchSourceSignal] = []

    init() {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.deliver(name) }
            source.resume()
            sources.append(source)
        }
    }

    /// Returns the name of the first stop signal received (at once if one already was).
    func wait() async -> String {
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
    var hasReceived: Bool { state.withLock { $0.received != nil } }

    private func deliver(_ name: String) {
        let waiter: CheckedContinuation<String, Never>? = state.withLock { state in
            guard state.received == nil else { return nil }
            state.received = name
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: name)
    }
}

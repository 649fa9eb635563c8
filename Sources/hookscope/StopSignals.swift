import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into an awaitable event instead of an abrupt exit, so the
/// server can finish its answers and the save file can be flushed.
final class StopSignals: @unchecked Sendable {
    // Touched only on `queue`.
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "hookscope.signals")

    /// Returns the name of the first stop signal received.
    func wait() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            queue.sync {
                var resumed = false
                for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                    signal(number, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                    source.setEventHandler {
                        guard !resumed else { return }
                        resumed = true
                        continuation.resume(returning: name)
                    }
                    source.resume()
                    sources.append(source)
                }
            }
        }
    }
}

import Foundation
import HookscopeCore

/// Turns SIGINT, SIGTERM and SIGHUP (a closed terminal or a dropped ssh session) into an
/// awaitable event instead of an abrupt exit, so the server can finish its answers and
/// the save file can be flushed. Handlers are installed on creation, before the server
/// announces itself, so an early signal is not lost.
///
/// Its own handler and a pipe, not libdispatch's signal sources: on Linux those read a
/// signalfd, and a signal that lands on a thread which does not block it (the main thread,
/// an event loop's) is blocked there and raised again at one particular thread, where it
/// could stay pending unseen while another thread polled. A `hookscope attach` then went
/// on for minutes after its SIGTERM and never said "stopping" (seen in loaded test runs).
/// Here whichever thread takes the signal writes its number to the pipe, and a thread of
/// its own (which never blocks these signals) reads it.
final class StopSignals: Sendable {
    /// What the signals said; the rules (the first stops, later ones are kept for
    /// `onEveryStop`) live there, in a library, where they are tested.
    private let ledger = StopSignalLedger()

    private static let names: [Int32: String] = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"]

    /// The pipe the handler writes to. Made once per process, before any handler is
    /// installed: a signal handler can reach no other state (nor allocate, nor lock).
    private static let pipe: (read: Int32, write: Int32) = {
        // Close-on-exec from the start (CloseOnExecPair). The writing end alone does not
        // block: a burst of signals must never stall the handler, and what does not fit is
        // dropped (the first one already counts).
        do {
            let (read, write) = try CloseOnExecPair.make()
            _ = fcntl(write, F_SETFL, fcntl(write, F_GETFL) | O_NONBLOCK)
            return (read, write)
        } catch {
            fatalError("hookscope: cannot make the stop signals' pipe: \(error)")
        }
    }()

    init() {
        let fds = Self.pipe
        let reader = Thread { [self] in
            var signals = sigset_t()
            sigemptyset(&signals)
            for number in Self.names.keys { sigaddset(&signals, number) }
            // At least this thread takes them, whatever the others block.
            pthread_sigmask(SIG_UNBLOCK, &signals, nil)
            var number: UInt8 = 0
            while true {
                let count = read(fds.read, &number, 1)
                if count == 1, let name = Self.names[Int32(number)] {
                    deliver(name)
                } else if count == 0 || (count < 0 && errno != EINTR) {
                    return
                }
            }
        }
        reader.name = "hookscope stop signals"
        reader.start()
        for number in Self.names.keys {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                // The interrupted thread's errno is kept: `write` may set it.
                let saved = errno
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(StopSignals.pipe.write, &byte, 1)
                errno = saved
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
    }

    /// Returns the name of the first stop signal received (at once if one already was).
    func wait() async -> String { await ledger.wait() }

    /// Whether a stop signal has arrived (for loops that poll instead of waiting).
    var hasReceived: Bool { ledger.hasReceived }

    /// Calls `action` for every stop signal from now on, and at once for any after the
    /// first that came before (`StopSignalLedger.onEveryStop`).
    func onEveryStop(_ action: @escaping @Sendable (String) -> Void) { ledger.onEveryStop(action) }

    private func deliver(_ name: String) { ledger.deliver(name) }
}

import Dispatch
import Foundation
import Synchronization

/// Prints lines to standard output off the event loops, in order, so a slow reader of
/// the pipe never holds up the server.
///
/// Lines are appended to one pending buffer and a drain is scheduled only when the buffer
/// was empty: under load one wake-up of the writer thread (and one write(2)) carries many
/// lines, instead of a dispatch and a thread switch per delivery on the server's core.
public final class LinePrinter: Sendable {
    private struct Pending {
        var bytes: [UInt8] = []
        var drainScheduled = false
    }

    private let queue = DispatchQueue(label: "hookscope.stdout")
    private let pending = Mutex(Pending())
    private let fd: Int32

    public init(fd: Int32 = STDOUT_FILENO) {
        self.fd = fd
    }

    public func print(_ line: String) {
        let schedule = pending.withLock { pending in
            pending.bytes.append(contentsOf: line.utf8)
            pending.bytes.append(UInt8(ascii: "\n"))
            defer { pending.drainScheduled = true }
            return !pending.drainScheduled
        }
        if schedule { queue.async { self.drain() } }
    }

    /// Waits until every line handed over so far is written.
    public func flush() {
        queue.sync {}
    }

    private func drain() {
        // Taking the bytes and clearing the flag together: a line printed after this
        // schedules the next drain, which runs after this one on the serial queue.
        let bytes = pending.withLock { pending in
            defer { pending = Pending() }
            return pending.bytes
        }
        writeFully(fd, bytes)
    }
}

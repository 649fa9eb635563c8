import Dispatch
import Foundation
import Synchronization

/// Prints lines to standard output off the event loops, in order, so a slow reader of
/// the pipe never holds up the server.
///
/// Lines are appended to one pending list and a drain is scheduled only when none is
/// scheduled yet. The drain first waits `batchWindow`, so under load one wake-up of the
/// writer thread (and one write(2)) carries every line of that window: waking the writer
/// per delivery cost the server's core a futex wake and a thread switch each time (a
/// fifth of its time at 10 k requests/s). A line may also be given as the work to write
/// it, which then runs on the writer thread instead of the event loop; while more than
/// `maxDeferredCost` bytes of such work wait, the caller does it itself, so a writer that
/// cannot keep up (JSON Lines of large bodies) slows the server instead of holding
/// evicted exchanges in memory without bound. Deferred work writes its line straight into
/// the writer's output buffer, which is kept from drain to drain: a JSON line of a large
/// body is encoded once, into memory already there, and written from it.
public final class LinePrinter: Sendable {
    private enum Line {
        case text(String)
        case bytes([UInt8])
        case deferred(@Sendable (inout [UInt8]) -> Void)
    }

    private struct Pending {
        var lines: [Line] = []
        var drainScheduled = false
        /// What the deferred lines waiting now hold (their bodies, as told by the callers).
        var deferredCost = 0
    }

    /// Bytes of deferred work allowed to wait for the writer.
    public static let maxDeferredCost = 16 * 1024 * 1024

    /// Output gathered past this size is written before the next line is added.
    static let writeThreshold = 256 * 1024
    /// An output buffer grown past this (by very large lines) is given back after the drain.
    static let keptCapacity = 4 * 1024 * 1024

    private let queue = DispatchQueue(label: "hookscope.stdout")
    private let pending = Mutex(Pending())
    /// The writer thread's output buffer (only the serial queue takes this lock).
    private let output = Mutex<[UInt8]>([])
    private let fd: Int32
    private let batchWindowMicroseconds: UInt32

    /// - Parameter batchWindowMicroseconds: how long a drain waits for more lines before
    ///   writing; a person cannot see 1 ms, a busy server saves a wake-up per line.
    public init(fd: Int32 = STDOUT_FILENO, batchWindowMicroseconds: UInt32 = 1_000) {
        self.fd = fd
        self.batchWindowMicroseconds = batchWindowMicroseconds
    }

    public func print(_ line: String) {
        append(.text(line), cost: 0)
    }

    /// Prints the line `render` returns, computed on the writer thread: for lines that
    /// cost more to build than to hand over (JSON Lines of large bodies). `cost` is what
    /// the work keeps alive until it runs (the exchange's body size).
    public func print(cost: Int = 0, rendering render: @escaping @Sendable () -> String) {
        print(cost: cost, appending: { $0.append(contentsOf: render().utf8) })
    }

    /// Prints the line `render` appends (without its newline) to the bytes it is given,
    /// on the writer thread; as `print(cost:rendering:)`, without a `String` in between.
    public func print(cost: Int = 0, appending render: @escaping @Sendable (inout [UInt8]) -> Void) {
        if !append(.deferred(render), cost: cost) {
            var line: [UInt8] = []
            render(&line)
            append(.bytes(line), cost: 0)
        }
    }

    /// Waits until every line handed over so far is written.
    public func flush() {
        queue.sync {}
    }

    /// Queues the line; false (and nothing queued) when it is deferred work over the limit.
    @discardableResult
    private func append(_ line: Line, cost: Int) -> Bool {
        let decision: (queued: Bool, schedule: Bool) = pending.withLock { pending in
            if case .deferred = line, pending.deferredCost > 0, pending.deferredCost + cost > Self.maxDeferredCost {
                return (false, false)
            }
            pending.lines.append(line)
            pending.deferredCost += cost
            defer { pending.drainScheduled = true }
            return (true, !pending.drainScheduled)
        }
        if decision.schedule { queue.async { self.drain() } }
        return decision.queued
    }

    private func drain() {
        if batchWindowMicroseconds > 0 { usleep(batchWindowMicroseconds) }
        // Taking the lines and clearing the flag together: a line printed after this
        // schedules the next drain, which runs after this one on the serial queue.
        let lines = pending.withLock { pending in
            defer { pending = Pending() }
            return pending.lines
        }
        output.withLock { bytes in
            for line in lines {
                switch line {
                case .text(let text): bytes.append(contentsOf: text.utf8)
                case .bytes(let line): bytes.append(contentsOf: line)
                case .deferred(let render): render(&bytes)
                }
                bytes.append(UInt8(ascii: "\n"))
                if bytes.count >= Self.writeThreshold { writeOut(&bytes) }
            }
            writeOut(&bytes)
            if bytes.capacity > Self.keptCapacity { bytes = [] }
        }
    }

    private func writeOut(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        writeFully(fd, bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}

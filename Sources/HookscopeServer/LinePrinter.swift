import Dispatch
import Foundation

/// Prints lines to standard output off the event loops, in order, so a slow reader of
/// the pipe never holds up the server.
public final class LinePrinter: Sendable {
    private let queue = DispatchQueue(label: "hookscope.stdout")
    private let fd: Int32

    public init(fd: Int32 = STDOUT_FILENO) {
        self.fd = fd
    }

    public func print(_ line: String) {
        let fd = self.fd
        queue.async {
            writeFully(fd, Array((line + "\n").utf8))
        }
    }

    /// Waits until every line handed over so far is written.
    public func flush() {
        queue.sync {}
    }
}

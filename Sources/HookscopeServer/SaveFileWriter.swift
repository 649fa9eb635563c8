import Foundation
import HookscopeCore
import Synchronization

/// Appends one JSON line per completed exchange to the `--save` file.
///
/// Each line is written with one write(2) before the answer goes to the sender, so a
/// crash or SIGKILL loses nothing that was already answered, as long as the file can be
/// written. When it cannot (a full disk, `/dev/full`, a file system gone read-only), the
/// answer still goes out as planned; the line is kept (up to `backlogLimit` lines) and
/// written first the next time an exchange completes, and once more when the writer is
/// closed. `status` says how many lines are not in the file and why, for the top bar, the
/// headless log and the exit summary. One lock around the file keeps lines whole and in
/// order when several event loops complete at once.
public final class SaveFileWriter: Sendable {
    public let path: String
    private let state: Mutex<State>
    /// Lines kept for a retry; past this, new lines are counted as lost.
    public static let backlogLimit = 10_000

    /// What a write did to the file's health: reported once per change, not per line.
    public enum Outcome: Equatable, Sendable {
        case saved
        /// This line could not be written; `first` is true when the file was fine until now.
        case failed(first: Bool, reason: String)
        /// The file takes lines again; `late` lines kept for the retry were written first.
        case recovered(late: Int)
    }

    public struct Status: Equatable, Sendable {
        /// Exchanges whose line is not in the file: waiting for a retry, or lost.
        public var unsaved: Int
        /// Why the last failed write failed, while any line is unsaved.
        public var reason: String?

        public init(unsaved: Int, reason: String?) {
            self.unsaved = unsaved
            self.reason = reason
        }
    }

    struct State {
        var fd: Int32
        var backlog: [[UInt8]] = []
        /// Bytes of `backlog[0]` already in the file (a short write).
        var writtenOfFirst = 0
        /// Lines that found the backlog full: never written, counted to the end.
        var lost = 0
        var reason: String?

        var status: Status {
            let unsaved = backlog.count + lost
            return Status(unsaved: unsaved, reason: unsaved == 0 ? nil : reason)
        }
    }

    public init(path: String) throws {
        let fd = Self.openForAppending(path)
        guard fd >= 0 else {
            throw SaveFileError(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.state = Mutex(State(fd: fd))
    }

    private static func openForAppending(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    }

    public var status: Status { state.withLock { $0.status } }

    @discardableResult
    public func append(_ exchange: Exchange) -> Outcome {
        var line: [UInt8] = []
        ExchangeJSONLines.encode(exchange, appendingTo: &line)
        line.append(UInt8(ascii: "\n"))
        return state.withLock { state in
            guard state.fd >= 0 else { return .saved }
            let wasFailing = !state.backlog.isEmpty
            let late = state.backlog.count
            if state.backlog.count < Self.backlogLimit { state.backlog.append(line) } else { state.lost += 1 }
            if wasFailing { reopenIfReplaced(&state) }
            if let problem = flush(&state) {
                state.reason = problem
                return .failed(first: !wasFailing, reason: problem)
            }
            return wasFailing ? .recovered(late: late) : .saved
        }
    }

    /// Tries the kept lines a last time, then closes the file; returns what stayed unsaved.
    @discardableResult
    public func close() -> Status {
        state.withLock { state in
            guard state.fd >= 0 else { return state.status }
            if !state.backlog.isEmpty {
                reopenIfReplaced(&state)
                if let problem = flush(&state) { state.reason = problem }
            }
            fsync(state.fd)
            Foundation.close(state.fd)
            state.fd = -1
            return state.status
        }
    }

    /// Writes the kept lines in order; stops at the first failure and returns its reason.
    private func flush(_ state: inout State) -> String? {
        while let line = state.backlog.first {
            switch writeFully(state.fd, line[state.writtenOfFirst...]) {
            case .success:
                state.backlog.removeFirst()
                state.writtenOfFirst = 0
            case .failure(let written, let code):
                state.writtenOfFirst += written
                return String(cString: strerror(code))
            }
        }
        return nil
    }

    /// After a failure the path may name another file (the old one was moved away, a link
    /// was pointed elsewhere, or nothing is there yet): write there from the start of the
    /// pending line.
    private func reopenIfReplaced(_ state: inout State) {
        var now = stat(), current = stat()
        guard fstat(state.fd, &current) == 0 else { return }
        if stat(path, &now) == 0, now.st_dev == current.st_dev, now.st_ino == current.st_ino { return }
        let fd = Self.openForAppending(path)
        guard fd >= 0 else { return }
        Foundation.close(state.fd)
        state.fd = fd
        state.writtenOfFirst = 0
    }
}

public struct SaveFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot open \(path) for saving: \(reason)" }
}

enum WriteResult: Equatable {
    case success
    /// `written` bytes went out before write(2) failed with `errno` `code`.
    case failure(written: Int, code: Int32)
}

/// write(2) until every byte is out, retrying on EINTR and short writes.
@discardableResult
func writeFully(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> WriteResult {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                return .failure(written: offset, code: n < 0 ? errno : EIO)
            }
        }
        return .success
    }
}

@discardableResult
func writeFully(_ fd: Int32, _ bytes: [UInt8]) -> WriteResult {
    writeFully(fd, bytes[...])
}

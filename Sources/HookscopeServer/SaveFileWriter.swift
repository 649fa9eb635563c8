import Foundation
import HookscopeCore
import Synchronization

/// Appends one JSON line per completed exchange to the `--save` file.
///
/// Each line is written with one write(2) before the answer goes to the sender, so a
/// crash or SIGKILL loses nothing that was already answered. One lock around the file
/// descriptor keeps lines whole when several event loops complete at once.
public final class SaveFileWriter: Sendable {
    public let path: String
    private let descriptor: Mutex<Int32>

    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SaveFileError(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.descriptor = Mutex(fd)
    }

    public func append(_ exchange: Exchange) {
        let line = ExchangeJSONLines.encode(exchange) + "\n"
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            writeFully(fd, Array(line.utf8))
        }
    }

    public func close() {
        descriptor.withLock { fd in
            if fd >= 0 {
                fsync(fd)
                Foundation.close(fd)
            }
            fd = -1
        }
    }
}

public struct SaveFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot open \(path) for saving: \(reason)" }
}

/// write(2) until every byte is out, retrying on EINTR and short writes.
func writeFully(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

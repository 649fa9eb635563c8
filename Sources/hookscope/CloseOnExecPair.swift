import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A connected pair of descriptors (a Unix stream socket pair) that is close-on-exec from
/// the call that makes it. `pipe()` and then `fcntl(FD_CLOEXEC)` left a moment in which a
/// child spawned by another thread (the editor, from the UI thread) inherited both ends and
/// held the tunnel's output open; Glibc's Swift module does not offer `pipe2`, and
/// `socketpair` takes `SOCK_CLOEXEC` in its type.
enum CloseOnExecPair {
    /// `nonBlocking`: both ends too (for a pair this process reads and writes itself; a
    /// child's end must block).
    static func make(nonBlocking: Bool = false) throws -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        var type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        if nonBlocking { type |= Int32(SOCK_NONBLOCK.rawValue) }
        guard socketpair(AF_UNIX, type, 0, &fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return (fds[0], fds[1])
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How hookscope starts a child as a shell starts a job (the editor, a tunnel): an empty
/// signal mask and default handling of the signals hookscope ignores or blocks (its threads
/// block signals and it ignores SIGINT and SIGTERM, which a child must not inherit), in a
/// process group of its own.
enum ChildSpawn {
    static func withJobAttributes<T>(_ body: (inout posix_spawnattr_t) -> T) -> T {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        return body(&attributes)
    }
}

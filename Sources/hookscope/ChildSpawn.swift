import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How hookscope starts a child as a shell starts a job (the editor, a tunnel): an empty
/// signal mask and default handling of the signals hookscope catches, ignores or blocks (its
/// threads block signals, it catches SIGINT, SIGTERM and SIGHUP (StopSignals) and ignores
/// SIGTSTP under curses; a child must inherit none of that), in a
/// process group of its own, holding none of hookscope's descriptors but 0, 1 and 2.
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

    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and newer; not in Swift's
    /// Glibc module), looked up once: the process's own handle and the symbol do not change.
    private static let addClosefrom: AddClosefrom? =
        dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddClosefrom.self) }

    /// Adds to `actions`: close every descriptor from 3 up as the child starts (after the
    /// actions before it, so a dup2 onto 1 or 2 is done first). SwiftNIO opens the
    /// listening socket and some event-loop descriptors without close-on-exec: a tunnel
    /// that inherited the listening socket kept the port bound after hookscope died, and
    /// the editor held it too. `addclosefrom` also covers a descriptor another thread opens
    /// meanwhile; without it, each descriptor open now is closed.
    ///
    /// The test harness has its twin (`CleanSpawn.closeInheritedDescriptors` in
    /// Tests/PostgresTestServer): that target depends on no library of the product, and
    /// the two spawn differently (a job in its own process group here; a command run to
    /// its end with its output in files there), so these lines are written twice.
    static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let addClosefrom = Self.addClosefrom, addClosefrom(&actions, 3) == 0 { return }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }
}

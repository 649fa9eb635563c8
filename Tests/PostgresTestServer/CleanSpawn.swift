import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts a program with an empty signal mask and default signal handling. Foundation's
/// `Process` passes on the calling thread's mask, and test threads block nearly every
/// signal: a tmux server or a PostgreSQL server started that way never notices its
/// children exit nor SIGTERM.
///
/// Nor does it inherit any other descriptor of the test process. Foundation's `Process`
/// learns that its child has ended when a socket only the child holds reaches its end;
/// while another test launches a process, its end of that socket is open in the test
/// process for a moment, and a daemon spawned then (pg_ctl's PostgreSQL server, a tmux
/// server) kept it for as long as it lived: that process's exit was never noticed, and
/// its test waited in vain (the store's restart test, in full runs only).
public enum CleanSpawn {
    /// Runs `arguments` (looked up on PATH) to its end with standard output and standard
    /// error appended to files; returns the exit status.
    public static func run(_ arguments: [String], stdoutPath: String, stderrPath: String = "/dev/null") throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGPIPE, SIGTSTP, SIGWINCH] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        closeInheritedDescriptors(&actions)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw PostgresTestServer.Failure(description: "could not start \(arguments[0]): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }

    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and newer; not in Swift's
    /// Glibc module), looked up once.
    private static let addClosefrom: AddClosefrom? =
        dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddClosefrom.self) }

    /// Every descriptor from 3 up is closed in the child as it starts: `addclosefrom`,
    /// which also covers one another thread opens meanwhile; else each descriptor open
    /// now. The product's twin is `ChildSpawn.closeInheritedDescriptors`
    /// (Sources/hookscope): this target depends on no library of the product.
    static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let addClosefrom = Self.addClosefrom, addClosefrom(&actions, 3) == 0 { return }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }
}

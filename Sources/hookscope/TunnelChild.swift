import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of the tunnel program as a child process: in a process group of its own (so
/// stopping it stops whatever it started too), its standard output and error on one socket,
/// and, where util-linux's `setpriv` is installed, killed by the kernel when hookscope dies
/// without stopping it (a crash, SIGKILL): `setpriv --pdeathsig KILL` sets
/// PR_SET_PDEATHSIG and then execs the program, keeping its PID.
///
/// Only the supervisor's thread touches a child: it starts it, reads it, signals it and
/// reaps it once (`waitpid` on this PID only; Foundation's `Process` is not used, so no
/// second waiter can race it).
struct TunnelChild {
    let pid: pid_t
    /// Hookscope's end of the socket pair that carries the child's standard output and error.
    let output: Int32
    let started = ContinuousClock.now

    /// The program's path on `PATH`, or nil: hookscope never downloads it.
    static func locate(_ name: String, environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(directory)/\(name)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    /// Where `setpriv` is, when it can set the parent-death signal.
    static let setpriv: String? = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Starts `path arguments` with standard input from /dev/null, as a shell starts a job
    /// (`ChildSpawn`: default signal handling, a process group of its own).
    static func start(path: String, arguments: [String], environment: [String: String]) throws -> TunnelChild {
        // Close-on-exec from the start, so no other child (the editor) holds it open; the
        // child gets its end as standard output and error (dup2 clears the flag there).
        let (output, childEnd) = try CloseOnExecPair.make()
        defer { close(childEnd) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, childEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, childEnd, 2)
        ChildSpawn.closeInheritedDescriptors(&actions)
        let command = (setpriv.map { [$0, "--pdeathsig", "KILL", "--"] } ?? []) + [path] + arguments
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let result = ChildSpawn.withJobAttributes { posix_spawn(&pid, command[0], &actions, &$0, argv, envp) }
        guard result == 0 else {
            close(output)
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO)
        }
        _ = fcntl(output, F_SETFL, fcntl(output, F_GETFL) | O_NONBLOCK)
        return TunnelChild(pid: pid, output: output)
    }

    /// Signals the whole group: the program and anything it started.
    func signalGroup(_ signal: Int32) {
        kill(-pid, signal)
    }

    /// Whether the child has ended, without reaping it: until it is reaped its PID, and so
    /// its process group's ID, cannot be given to another process, so the group can still
    /// be signalled safely.
    func hasEnded() -> Bool {
        var info = siginfo_t()
        var result: Int32
        repeat { result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) } while result == -1 && errno == EINTR
        // Nothing waitable leaves the zeroed info as it was; an ended child fills in SIGCHLD.
        return result == -1 || info.si_signo == SIGCHLD
    }

    /// The exit status once the child has ended (reaping it), else nil. A child ended by a
    /// signal reports 128 + the signal, as a shell does.
    func reapIfEnded() -> Int32? {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, WNOHANG) } while result == -1 && errno == EINTR
        guard result == pid else { return result == -1 ? -1 : nil }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    var secondsRunning: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

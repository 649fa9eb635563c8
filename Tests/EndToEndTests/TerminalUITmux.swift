import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server (its own socket, so parallel tests never meet) with one pane of a
/// fixed size, driven like a user: send keys, read the screen, ask tmux about the pane.
final class TerminalUITmux: @unchecked Sendable {
    let socketName = "hookscope-test-\(UUID().uuidString)"

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    /// Starts the server with `command` as the pane's program.
    init(width: Int, height: Int, command: String) throws {
        try run(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "ui", command])
    }

    /// The visible text of the pane, one string per row.
    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", "ui"])
    }

    func sendKeys(_ keys: String...) throws {
        try run(["send-keys", "-t", "ui"] + keys)
    }

    /// A tmux format about the pane, e.g. `#{pane_title}` or `#{alternate_on}`.
    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", "ui", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func kill() {
        _ = try? run(["kill-server"])
    }

    deinit { kill() }

    /// Runs one tmux command and returns what it printed.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        // Output goes through a file, not a pipe: the tmux server that `new-session` starts
        // inherits the descriptor and would hold a pipe open for as long as it lives.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try CleanSpawn.run(["tmux", "-L", socketName, "-f", "/dev/null"] + arguments, stdoutPath: outputPath)
        guard status == 0 || arguments.first == "kill-server" else {
            throw PollTimeout(description: "tmux \(arguments.joined(separator: " ")) exited \(status)")
        }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}

/// Starts a program with an empty signal mask and default signal handling. Foundation's
/// `Process` passes on the calling thread's mask, and test threads block nearly every
/// signal: a tmux server started that way never notices its children exit nor SIGTERM.
enum CleanSpawn {
    static func run(_ arguments: [String], stdoutPath: String) throws -> Int32 {
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
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw PollTimeout(description: "could not start \(arguments[0]): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }
}

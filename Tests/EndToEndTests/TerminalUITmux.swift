import Foundation
import PostgresTestServer
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

    /// What the pane's terminal is doing, for a failure's record: its processes with the
    /// terminal's foreground group (`tpgid`) and state, and its modes (`stty -a`; `-isig`
    /// would mean a typed Ctrl-C sends no signal). For a flake seen twice in full runs
    /// only (`ctrlCInTheEditorEndsOnlyTheEditor`: the editor printed, Ctrl-C was echoed,
    /// and nothing ended), whose cause the screen alone does not show.
    func terminalState() -> String {
        guard let tty = try? display("#{pane_tty}"), !tty.isEmpty else { return "(the pane's terminal is unknown)" }
        return "processes on \(tty):\n" + Self.output(["ps", "-o", "pid,ppid,pgid,tpgid,stat,wchan:16,args", "-t", tty])
            + "modes: " + Self.output(["stty", "-a", "-F", tty])
    }

    private static func output(_ arguments: [String]) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tty-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let status = (try? CleanSpawn.run(arguments, stdoutPath: path, stderrPath: path)) ?? -1
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return status == 0 ? text : "\(arguments[0]) exited \(status): \(text)"
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

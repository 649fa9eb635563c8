import Foundation
import Testing

extension TerminalUITests {
    /// Ctrl-Z gives the terminal back (normal screen) and stops the process, as a shell
    /// user expects; `fg` brings the interface back, redrawn, and a delivery that came in
    /// meanwhile is listed.
    @Test func ctrlZSuspendsAndFgRedraws() throws {
        // An interactive shell with job control, as a user has: a process started by a
        // non-interactive `sh -c` sits in an orphaned process group, where the kernel
        // discards stop signals.
        let tmux = try TerminalUITmux(width: 100, height: 30, command: "env PS1='$ ' bash --norc --noprofile -i")
        defer { tmux.kill() }
        try waitForScreen(tmux, "the shell prompt") { $0.contains("$") }
        try tmux.sendKeys("-l", "'\(HookscopeBinary.path)' listen --port 0")
        try tmux.sendKeys("Enter")
        let port = try listeningPort(tmux)

        try tmux.sendKeys("C-z")
        try waitForScreen(tmux, "the shell's job report") { $0.contains("Stopped") }
        #expect(try tmux.display("#{alternate_on}") == "0")

        // The stopped server's socket still accepts (the kernel queues the connection).
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-m", "20", "-o", "/dev/null", "-d", #"{"while":"stopped"}"#, "http://127.0.0.1:\(port)/hooks/paused"]
        try curl.run()

        try tmux.sendKeys("-l", "fg")
        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the list after fg") { $0.contains("/hooks/paused") && $0.contains("q quit") }
        #expect(try tmux.display("#{alternate_on}") == "1")
        curl.waitUntilExit()
        #expect(curl.terminationStatus == 0)
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the summary after quitting") { $0.contains("captured 1 exchange:") }
        try tmux.sendKeys("-l", "echo \"status $?\"")
        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the exit status") { $0.contains("status 0") }
    }
}

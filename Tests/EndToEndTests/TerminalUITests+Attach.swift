import Foundation
import PostgresTestServer
import Testing

extension TerminalUITests {
    /// Issue 15's screen check: a delivery sent to a listener on a shared store appears in
    /// the terminal UI of `hookscope attach` (with the store's masked URL on top), and `r`
    /// replays it to a local app.
    @Test func anAttachedScreenShowsADeliveryAndReplaysIt() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try RunningHookscope(["--headless", "--store", store, "--name", "server"])
        defer { try? listener.stop() }
        let app = try RunningHookscope(["--headless", "--json"])
        defer { try? app.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-tui-attach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("run.sh")
        try """
        #!/bin/sh
        '\(HookscopeBinary.path)' attach '\(store)' --replay-to '\(app.url)'
        echo "hookscope exited $?"
        exec sleep 600
        """.write(to: script, atomically: true, encoding: .utf8)
        let tmux = try TerminalUITmux(width: 120, height: 30, command: "sh '\(script.path)'")
        defer { tmux.kill() }
        try waitForScreen(tmux, "the attached top bar") { $0.contains("postgres://hookscope@localhost:5432/") && $0.contains("attached") }

        _ = try Self.curl(["-s", "-o", "/dev/null", "-d", #"{"v":"from-the-server"}"#, "\(listener.url)/hooks/shared"])
        try waitForScreen(tmux, "the delivery row") { $0.contains("/hooks/shared") && $0.contains("200") }

        try tmux.sendKeys("r")
        _ = try Poll.until(timeout: 20) { app.stdout.contains("from-the-server") ? true : nil }
        #expect(app.stdout.contains("/hooks/shared"))
        // The app's answer on the status line, naming no row (the rows are the store's).
        try waitForScreen(tmux, "the replay's answer") { $0.contains("replay of #1: 200 OK in ") }
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the exit") { $0.contains("hookscope exited 0") }
    }
}

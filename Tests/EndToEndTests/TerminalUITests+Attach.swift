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

extension TerminalUITests {
    /// Issue 16's visibility: a terminal UI attached with `--forward` marks the delivery it
    /// forwarded itself ("by you" in the list and the Response tab) and shows the round
    /// trip through the store beside the app's part.
    @Test func anAttachedForwarderMarksItsOwnForwardsAndShowsTheRoundTrip() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        let listener = try RunningHookscope(["--headless", "--store", store, "--claim-timeout", RemoteForwardCommandTests.patientClaim])
        defer { try? listener.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-tui-forward-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("run.sh")
        try """
        #!/bin/sh
        '\(HookscopeBinary.path)' attach '\(store)' --forward '\(app.url)'
        echo "hookscope exited $?"
        exec sleep 600
        """.write(to: script, atomically: true, encoding: .utf8)
        let tmux = try TerminalUITmux(width: 140, height: 30, command: "sh '\(script.path)'")
        defer { tmux.kill() }
        try RemoteForwardCommandTests.waitForForwarders(listener, count: 1)

        let response = try CurlRequest.post(listener.url + "/hooks/mine", body: Array("from the sender".utf8))
        #expect(response.status == 201 && response.header("X-App") == "laptop")
        try waitForScreen(tmux, "the row marked as forwarded by this UI") { $0.contains("/hooks/mine") && $0.contains("by you") }
        try tmux.sendKeys("Enter")
        try tmux.sendKeys("3")
        try waitForScreen(tmux, "the Response tab naming this UI and the round trip") {
            $0.contains("by you (") && $0.contains("through the store") && $0.contains("Round trip ") && $0.contains("of which the app")
        }
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the exit") { $0.contains("hookscope exited 0") }
    }
}

import Foundation
import Testing

extension TerminalUITests {
    /// Issue 6's end-to-end check, as a user would do it: capture a delivery, `r` asks where
    /// to send it (no --forward), the upstream (a second hookscope) receives the same body
    /// and the screen names the replay; `e` runs $EDITOR (a sed script here) and the edited
    /// body arrives; `x` writes a HAR file.
    @Test func replayEditAndExportFromTheScreen() throws {
        let upstream = try RunningHookscope(["--headless", "--json"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-tui-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let editor = dir.appendingPathComponent("editor.sh")
        try "#!/bin/sh\nsed -i 's/original-body/edited-body/' \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("run.sh")
        try """
        #!/bin/sh
        cd '\(dir.path)'
        EDITOR='/bin/sh \(editor.path)' '\(HookscopeBinary.path)' listen --port 0
        echo "hookscope exited $?"
        exec sleep 600
        """.write(to: script, atomically: true, encoding: .utf8)
        let tmux = try TerminalUITmux(width: 120, height: 30, command: "sh '\(script.path)'")
        defer { tmux.kill() }
        let port = try listeningPort(tmux)

        _ = try Self.curl(["-s", "-o", "/dev/null", "-d", #"{"v":"original-body"}"#, "http://127.0.0.1:\(port)/hooks/replay-me"])
        try waitForScreen(tmux, "the captured row") { $0.contains("/hooks/replay-me") }

        try tmux.sendKeys("r")
        try waitForScreen(tmux, "the target prompt") { $0.contains("replay to: http://localhost:3000") }
        try tmux.run(["send-keys", "-t", "ui", "-N", "30", "BSpace"])
        try tmux.sendKeys("-l", upstream.url)
        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the replay's result") { $0.contains("replay of #1 is #2: 200 OK") }
        _ = try Poll.until(timeout: 20) { upstream.stdout.contains("original-body") ? true : nil }
        #expect(upstream.stdout.contains("/hooks/replay-me"))

        // Back to #1 and edit it: the target is remembered, the editor runs in the terminal.
        try tmux.sendKeys("g")
        try tmux.sendKeys("e")
        try waitForScreen(tmux, "the edited replay's result") { $0.contains("replay of #1 is #3: 200 OK") }
        _ = try Poll.until(timeout: 20) { upstream.stdout.contains("edited-body") ? true : nil }
        #expect(try tmux.display("#{alternate_on}") == "1")   // the UI took the terminal back

        let har = dir.appendingPathComponent("out.har").path
        try tmux.sendKeys("x")
        try waitForScreen(tmux, "the export prompt") { $0.contains("export #1 as HAR") }
        try tmux.run(["send-keys", "-t", "ui", "-N", "40", "BSpace"])
        try tmux.sendKeys("-l", har)
        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the export message") { $0.contains("exported 1 exchange as HAR") }
        let text = try String(contentsOfFile: har, encoding: .utf8)
        #expect(text.contains("\"version\": \"1.2\"") || text.contains("\"version\":\"1.2\""))
        #expect(text.contains("original-body"))

        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited 0") }
        try upstream.stop()
    }
}

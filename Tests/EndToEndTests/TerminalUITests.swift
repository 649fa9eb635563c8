import Foundation
import HookscopeCore
import Testing
import TestSupport

/// The full-screen UI in a real terminal (tmux at 100x30): what a user sees and does.
@Suite(.enabled(if: TerminalUITmux.isAvailable, "needs tmux"), .offThePool)
struct TerminalUITests {
    static let secret = "bea1ffc4e56d5056b6e0c7ee24b47b5"

    /// Starts hookscope in a tmux pane through a script that reports its exit status and
    /// then keeps the pane open, so the test can see the shell's view afterwards. It listens
    /// on port 0: `listeningPort` reads the port it was given from the top bar.
    func start(saveTo save: String? = nil, arguments: [String] = []) throws -> TerminalUITmux {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let script = dir.appendingPathComponent("run.sh")
        try """
        #!/bin/sh
        cd '\(dir.path)'
        '\(HookscopeBinary.path)' listen --port 0 --secret teamwork=\(Self.secret) \(save.map { "--save '\($0)'" } ?? "") \(arguments.joined(separator: " "))
        echo "hookscope exited $?"
        exec sleep 600
        """.write(to: script, atomically: true, encoding: .utf8)
        return try TerminalUITmux(width: 100, height: 30, command: "sh '\(script.path)'")
    }

    @discardableResult
    func waitForScreen(_ tmux: TerminalUITmux, _ description: String, _ condition: (String) -> Bool) throws -> String {
        do {
            return try Poll.until(timeout: 20) { () -> String? in
                let screen = try tmux.screen()
                return condition(screen) ? screen : nil
            }
        } catch {
            Issue.record("waiting for \(description); the pane shows:\n\(try tmux.screen())\n\(tmux.terminalState())")
            throw error
        }
    }

    @Test func showsASignedDeliveryItsBodyAndEscapedSequencesThenQuitsCleanly() throws {
        let save = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-tui-save-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: save) }
        let tmux = try start(saveTo: save)
        defer { tmux.kill() }
        let port = try listeningPort(tmux)
        try waitForScreen(tmux, "the top bar") { $0.contains("http://127.0.0.1:\(port)") && $0.contains("waiting for deliveries") }
        #expect(try tmux.display("#{alternate_on}") == "1")
        let titleBefore = try tmux.display("#{pane_title}")

        let body = Array(#"{"id":1,"name":"Acme"}"#.utf8)
        let headers = try ProviderSigner.headers(
            for: BuiltInProviders.teamwork, secret: ProviderSecret(provider: "teamwork", value: Self.secret, origin: "test"),
            body: body, timestamp: 0, id: "d-1", event: "deals.created"
        )
        #expect(try ProviderTestClient.post(port: port, path: "/hooks/teamwork", headers: headers.map { ($0.name, $0.value) }, body: body) == 200)
        let list = try waitForScreen(tmux, "the delivery row") { $0.contains("/hooks/teamwork") && $0.contains("200") }
        let row = list.split(separator: "\n").first { $0.contains("/hooks/teamwork") }.map(String.init) ?? ""
        #expect(row.contains("teamwork deals.created"), "\(row)")
        #expect(row.contains("✓ valid"), "\(row)")

        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the pretty JSON body") { $0.contains(#""name": "Acme""#) && $0.contains("1 Request") }
        try tmux.sendKeys("Escape")
        try waitForScreen(tmux, "the list again") { $0.contains("PROVIDER EVENT") }

        let hostile = Array("\u{1B}]0;owned\u{07}\u{1B}[2J".utf8)
        #expect(try ProviderTestClient.post(port: port, path: "/evil", headers: [("Content-Type", "text/plain")], body: hostile) == 200)
        try waitForScreen(tmux, "the second row") { $0.contains("/evil") }
        try tmux.sendKeys("Enter")
        let detail = try waitForScreen(tmux, "the escaped body") { $0.contains(#"\x1b]0;owned\x07\x1b[2J"#) }
        #expect(detail.contains("POST /evil"))   // the screen was not cleared by the body
        #expect(try tmux.display("#{pane_title}") == titleBefore)
        #expect(try tmux.display("#{pane_title}") != "owned")

        try tmux.sendKeys("q")
        let after = try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited") }
        #expect(after.contains("hookscope exited 0"))
        #expect(try tmux.display("#{alternate_on}") == "0")
        // Quitting the UI still shuts the server down and closes the save file.
        let saved = try String(contentsOfFile: save, encoding: .utf8).split(separator: "\n")
        #expect(saved.count == 2)
    }

    @Test func sigtermEndsTheUIAndRestoresTheTerminal() throws {
        let tmux = try start()
        defer { tmux.kill() }
        let port = try listeningPort(tmux)
        try waitForScreen(tmux, "the top bar") { $0.contains("http://127.0.0.1:\(port)") }
        // The pane runs `sh run.sh`, whose one child is hookscope.
        let shell = try tmux.display("#{pane_pid}")
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let hookscope = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        kill(hookscope, SIGTERM)
        let after = try waitForScreen(tmux, "the shell after SIGTERM") { $0.contains("hookscope exited") }
        #expect(after.contains("hookscope exited 0"))
        #expect(try tmux.display("#{alternate_on}") == "0")
    }

    @Test func followsResizesDownToTooSmallAndBack() throws {
        let tmux = try start()
        defer { tmux.kill() }
        let port = try listeningPort(tmux)
        try waitForScreen(tmux, "the top bar") { $0.contains("http://127.0.0.1:\(port)") }
        #expect(try ProviderTestClient.post(port: port, path: "/resize", headers: [], body: Array("{}".utf8)) == 200)
        try waitForScreen(tmux, "the row") { $0.contains("/resize") }
        try tmux.run(["resize-window", "-t", "ui", "-x", "60", "-y", "15"])
        try waitForScreen(tmux, "the narrow layout") { $0.contains(" S TRY CODE") && $0.contains("/resize") }
        try tmux.run(["resize-window", "-t", "ui", "-x", "30", "-y", "6"])
        try waitForScreen(tmux, "the too-small notice") { $0.contains("terminal too small") }
        try tmux.run(["resize-window", "-t", "ui", "-x", "100", "-y", "30"])
        try waitForScreen(tmux, "the wide layout again") { $0.contains("PROVIDER EVENT") && $0.contains("/resize") }
        try tmux.sendKeys("q")
        let after = try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited") }
        #expect(after.contains("hookscope exited 0"))
    }
}

import Foundation
import Testing

extension TerminalUITests {
    /// Issue #12 point 11: intercept while forwarding. A held request is sent on to the app
    /// with `a` → "forward to the app", and curl gets the app's answer (before: the picker
    /// had no such entry; the request reached the app only by timing out).
    @Test func aForwardsAHeldRequestToTheAppAndTheSenderGetsItsAnswer() throws {
        let app = try RunningHookscope(["--headless", "--json", "--status", "201", "--response-body", "from-the-app"])
        defer { _ = try? app.stop() }
        let tmux = try start(arguments: ["--intercept", "--intercept-timeout", "60000", "--forward", app.url])
        defer { tmux.kill() }
        let port = try listeningPort(tmux)
        try waitForScreen(tmux, "intercept in the top bar") { $0.contains("http://127.0.0.1:\(port)") && $0.contains("INTERCEPT") }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-m", "50", "-w", " %{http_code}", "-d", "held-body", "http://127.0.0.1:\(port)/hooks/held"]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        try waitForScreen(tmux, "the held row") { $0.contains("/hooks/held") && $0.contains("wait") }
        try tmux.sendKeys("a")
        try waitForScreen(tmux, "the picker with forward first") { screen in
            screen.contains("Answer #1 with") && screen.split(separator: "\n").contains { $0.contains("▸ forward to the app") }
        }
        try tmux.sendKeys("Enter")
        let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        #expect(answer == "from-the-app 201")
        _ = try Poll.until(timeout: 20) { app.stdout.contains("held-body") ? true : nil }
        try waitForScreen(tmux, "the message and the forwarded row") { screen in
            screen.contains("forwarding #1 to \(app.url) (route default); the sender gets its answer")
                && screen.split(separator: "\n").contains { $0.contains("/hooks/held") && $0.contains("201") }
        }
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited 0") }
    }

    /// Review finding M9: `r` on a delivery that a conditional --forward route sent to its
    /// app replays it to that app, not to the primary route's, and the message says where.
    @Test func rReplaysAlongTheRouteThatForwardedTheDelivery() throws {
        let billing = try RunningHookscope(["--headless", "--json"])
        defer { _ = try? billing.stop() }
        let fallback = try RunningHookscope(["--headless", "--json"])
        defer { _ = try? fallback.stop() }
        let tmux = try start(arguments: ["--forward", "'/bill/** -> \(billing.url)'", "--forward", fallback.url])
        defer { tmux.kill() }
        let port = try listeningPort(tmux)
        try waitForScreen(tmux, "the top bar") { $0.contains("http://127.0.0.1:\(port)") }
        #expect(try Self.curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-d", "paid-1", "http://127.0.0.1:\(port)/bill/paid"]) == "200")
        _ = try Poll.until(timeout: 20) { billing.stdout.contains("paid-1") ? true : nil }
        try waitForScreen(tmux, "the row") { $0.contains("/bill/paid") }
        try tmux.sendKeys("r")
        try waitForScreen(tmux, "where the replay went") { $0.contains("replay of #1 is #2: 200 OK") }
        _ = try Poll.until(timeout: 20) { billing.stdout.components(separatedBy: "paid-1").count == 3 ? true : nil }
        #expect(!fallback.stdout.contains("paid-1"))
        // The replay's row says where it went.
        try waitForScreen(tmux, "the replay row") { $0.split(separator: "\n").filter { $0.contains("/bill/paid") }.count == 2 }
        try tmux.sendKeys("G")
        try tmux.sendKeys("Enter")
        try tmux.sendKeys("3")
        try waitForScreen(tmux, "the replay's Response tab") { $0.contains("Replay of #1 sent to \(billing.url)/bill/paid") }
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited 0") }
    }
}

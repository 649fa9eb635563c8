import Foundation
import Testing

extension TerminalUITests {
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

import Foundation
import HookscopeCore
import Testing

extension TerminalUITests {
    /// `--load` of a saved file with three attempts of one event: the Attempts tab groups
    /// them as it did live (before: each loaded row stood alone, "1 stored"), and a live
    /// retry sent with curl continues the count as attempt 4.
    @Test func aLoadedFileShowsItsRetriesAsLiveAndALiveRetryContinuesTheCount() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-load-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let body = #"{"event":"same"}"#
        let live = RetryGrouper()
        // Minutes ago: a live retry is within the grouping window of the loaded attempts.
        let firstAttempt = Int64(Date().timeIntervalSince1970 * 1e9) - 600_000_000_000
        let lines = (0..<3).map { index -> String in
            var exchange = Exchange(
                id: index + 1, receivedAt: Timestamp(nanosecondsSinceEpoch: firstAttempt + Int64(index) * 60_000_000_000),
                remote: "127.0.0.1:1", method: "POST", target: "/hooks/retried", headers: [HeaderField("Content-Type", "application/json")],
                body: Array(body.utf8)
            )
            live.assign(&exchange)
            exchange.response = ExchangeResponse(status: 500, source: .default, durationMilliseconds: 1)
            return ExchangeJSONLines.encode(exchange)
        }
        let saved = directory + "/saved.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: saved, atomically: true, encoding: .utf8)
        let tmux = try start(arguments: ["--load", "'\(saved)'"])
        defer { tmux.kill() }
        let port = try listeningPort(tmux)
        try waitForScreen(tmux, "the loaded rows") { $0.split(separator: "\n").filter { $0.contains("/hooks/retried") }.count == 3 }
        try tmux.sendKeys("Enter")
        try tmux.sendKeys("4")
        try waitForScreen(tmux, "the loaded attempts grouped") { $0.contains("Attempts of this event (3 stored)") }
        try tmux.sendKeys("Escape")
        #expect(try Self.curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-d", body, "http://127.0.0.1:\(port)/hooks/retried"]) == "200")
        try waitForScreen(tmux, "the live retry as attempt 4") { screen in
            screen.split(separator: "\n").contains { $0.contains("/hooks/retried") && $0.contains("#4") }
        }
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited 0") }
    }
}

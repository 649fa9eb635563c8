import Foundation
import Testing

extension TerminalUITests {
    /// Issue 5's end-to-end check: `s`, choose 503 in the picker with the arrows, send a
    /// request with curl, and see 503 both in curl's output and on the screen.
    @Test func statusPickerChooses503ForTheNextDelivery() throws {
        let tmux = try start()
        defer { tmux.kill() }
        let port = try listeningPort(tmux)
        try waitForScreen(tmux, "the top bar") { $0.contains("http://127.0.0.1:\(port)") && $0.contains("answer 200") }
        try tmux.sendKeys("s")
        try waitForScreen(tmux, "the picker") { $0.contains("Answer every delivery with") && $0.contains("503 Service Unavailable") }
        // 503 is the 16th choice: fifteen steps down from 200.
        try tmux.run(["send-keys", "-t", "ui", "-N", "15", "Down"])
        try waitForScreen(tmux, "503 selected") { screen in
            screen.split(separator: "\n").contains { $0.contains("▸ 503 Service Unavailable") }
        }
        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the new mode in the top bar") { $0.contains("answer 503") && $0.contains("PROVIDER EVENT") }

        let curlStatus = try Self.curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-d", #"{"hello":1}"#, "http://127.0.0.1:\(port)/hooks/picked"])
        #expect(curlStatus == "503")
        let screen = try waitForScreen(tmux, "the 503 row") { screen in
            screen.split(separator: "\n").contains { $0.contains("/hooks/picked") && $0.contains(" 503 ") }
        }
        #expect(screen.contains("answer 503"))
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited") }
    }

    /// Issue #12, point 13: `q` while a request is held sends it the plan's answer at once
    /// (before: an empty reply when the 3 s shutdown grace ran out).
    @Test func quittingAnswersAHeldRequestAsPlanned() throws {
        let tmux = try start(arguments: ["--intercept", "--intercept-timeout", "60000"])
        defer { tmux.kill() }
        let port = try listeningPort(tmux)
        try waitForScreen(tmux, "intercept in the top bar") { $0.contains("http://127.0.0.1:\(port)") && $0.contains("INTERCEPT") }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-m", "30", "-o", "/dev/null", "-w", "%{http_code}", "-d", "held", "http://127.0.0.1:\(port)/hooks/held"]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        try waitForScreen(tmux, "the held row") { $0.contains("/hooks/held") }
        try tmux.sendKeys("q")
        let status = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        #expect(status == "200")
        try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited 0") }
    }

    /// Runs curl and returns what it printed (curl ends by itself: -m bounds it).
    static func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-m", "10"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

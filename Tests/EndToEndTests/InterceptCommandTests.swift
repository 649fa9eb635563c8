import Foundation
import Testing
import TestSupport

/// Issue #12, point 13: intercept only where someone can answer.
@Suite(.offThePool) struct InterceptCommandTests {
    @Test func interceptWithHeadlessOrJSONIsAUsageError() throws {
        for mode in ["--headless", "--json"] {
            // Started as a listener, so that if the combination were accepted the test ends
            // (the listener is stopped) instead of waiting forever for it to exit.
            let app = Process()
            app.executableURL = URL(fileURLWithPath: HookscopeBinary.path)
            app.arguments = ["listen", mode, "--intercept", "--port", "0"]
            let stderr = Pipe()
            app.standardError = stderr
            app.standardOutput = FileHandle.nullDevice
            try app.run()
            defer { if app.isRunning { app.terminate() } }
            let exited = (try? Poll.until(timeout: 20) { app.isRunning ? nil : true }) ?? false
            #expect(exited, "\(mode): still listening")
            guard exited else { continue }
            let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(app.terminationStatus == 64, "\(mode)")
            #expect(text.contains("--intercept needs the terminal UI"), "\(text)")
        }
    }

    /// Not a terminal (here: standard input is /dev/null), so no UI: intercept is turned off
    /// with one warning, and a request is answered at once instead of after the timeout.
    @Test func interceptWithoutATerminalIsOffWithOneWarning() throws {
        let app = try RunningHookscope(["--intercept", "--intercept-timeout", "60000"])
        let status = try TerminalUITests.curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-d", "x", "\(app.url)/no-terminal"])
        #expect(status == "200")
        #expect(app.stderr.components(separatedBy: "warning: --intercept is off").count == 2, "\(app.stderr)")
        try app.stop()
    }
}

import Foundation
import Testing

/// Issue #12, point 13: intercept only where someone can answer.
@Suite struct InterceptCommandTests {
    @Test func interceptWithHeadlessOrJSONIsAUsageError() throws {
        for mode in ["--headless", "--json"] {
            let result = try HookscopeCommand.run(["listen", mode, "--intercept", "--port", "0"])
            #expect(result.status == 64, "\(mode)")
            #expect(result.stderr.contains("--intercept needs the terminal UI"), "\(result.stderr)")
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

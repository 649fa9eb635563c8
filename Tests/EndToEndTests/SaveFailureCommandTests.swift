import Foundation
import Testing
import TestSupport

/// Issue #12, point 3, with the real binary: `--save /dev/full` (every write fails with
/// ENOSPC) is said at once, counted, and the exit summary does not claim the file.
@Suite(.offThePool) struct SaveFailureCommandTests {
    @Test func aSaveFileThatCannotBeWrittenIsReportedCountedAndNotClaimed() throws {
        let app = try RunningHookscope(["--headless", "--save", "/dev/full"])
        for path in ["/a", "/b"] {
            let status = try TerminalUITests.curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-d", "x", "\(app.url)\(path)"])
            #expect(status == "200")
        }
        _ = try Poll.until(timeout: 10) { app.stderr.contains("cannot write to /dev/full") ? true : nil }
        let status = try app.stop()
        let stderr = app.stderr
        #expect(stderr.components(separatedBy: "cannot write to /dev/full: No space left on device").count == 2, "\(stderr)")
        #expect(stderr.contains("2 exchanges not saved to /dev/full (No space left on device)"), "\(stderr)")
        #expect(!stderr.contains("; saved to"), "\(stderr)")
        #expect(status == 1)
    }
}

import Foundation
import Testing
import TestSupport

/// Issue #12, points 1 and 5, as a user meets them: an answer that cannot be sent is
/// refused when hookscope starts, and a body that cannot be sent is warned about once.
@Suite(.offThePool) struct AnswerStatusCommandTests {
    @Test(arguments: [
        ["--status", "100"], ["--respond", "101"], ["--rule", "POST /x -> 103"], ["--respond", "200/delay=99999999999999"],
    ])
    func anAnswerThatCannotBeSentIsAUsageError(_ arguments: [String]) throws {
        let result = try HookscopeCommand.run(["listen", "--port", "0", "--headless"] + arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("interim (1xx)") || result.stderr.contains("one day"), "\(result.stderr)")
    }

    @Test func aResponseBodyWithA204IsWarnedAboutOnceAndNotSent() throws {
        let app = try RunningHookscope(["--headless", "--status", "204", "--response-body", "not sent"])
        let output = try TerminalUITests.curl(["-sS", "-i", "-X", "POST", "-d", "abc", app.url + "/a"])
        #expect(output.hasPrefix("HTTP/1.1 204"), "\(output)")
        #expect(!output.contains("not sent"))
        #expect(try app.stop() == 0)
        #expect(app.stderr.components(separatedBy: "--response-body is not sent with 204").count == 2, "\(app.stderr)")
    }
}

extension AnswerStatusCommandTests {
    /// Issue #12, point 15: a negative port is out of range, not a missing value.
    @Test func aNegativePortSaysWhatRangeIsAllowed() throws {
        let result = try HookscopeCommand.run(["listen", "--headless", "--port", "-1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--port must be between 0 and 65535"), "\(result.stderr)")
    }
}

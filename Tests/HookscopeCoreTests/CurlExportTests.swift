import Testing
@testable import HookscopeCore

/// The command's text; `CurlExecutionTests` (HookscopeServerTests) runs it for real.
@Suite struct CurlExportTests {
    func exchange(method: String = "POST", headers: [HeaderField], body: [UInt8]) -> Exchange {
        Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "", method: method, target: "/a?b=1", headers: headers, body: body)
    }

    @Test func curlsOwnHeadersAreSwitchedOffWhenTheOriginalLackedThem() {
        let command = CurlExport.command(for: exchange(headers: [HeaderField("Host", "h"), HeaderField("Content-Length", "2")], body: Array("{}".utf8)))
        #expect(command == "curl --path-as-is --globoff -H 'Host: h' -H 'Content-Length: 2' -H 'User-Agent:' -H 'Accept:' -H 'Content-Type:' -H 'Expect:' --data-raw '{}' 'http://h/a?b=1'")
    }

    @Test func getWithoutBodyNeedsNoBodyHeadersSwitchedOff() {
        let command = CurlExport.command(for: exchange(method: "GET", headers: [HeaderField("Host", "h"), HeaderField("User-Agent", "x"), HeaderField("Accept", "*/*")], body: []))
        #expect(command == "curl --path-as-is --globoff -H 'Host: h' -H 'User-Agent: x' -H 'Accept: */*' 'http://h/a?b=1'")
    }

    @Test func quotesAndEmptyValuesSurviveTheShell() {
        let command = CurlExport.command(
            for: exchange(method: "PATCH", headers: [HeaderField("X-Q", "it's"), HeaderField("X-Empty", "")], body: Array("a'b".utf8)),
            baseURL: "http://127.0.0.1:9"
        )
        #expect(command.contains("-X 'PATCH'"))
        #expect(command.contains(#"-H 'X-Q: it'\''s'"#))
        #expect(command.contains("-H 'X-Empty;'"))
        #expect(command.contains(#"--data-raw 'a'\''b'"#))
        #expect(command.hasSuffix("'http://127.0.0.1:9/a?b=1'"))
    }

    @Test func binaryBodiesUseEscapesAFileOrPrintf() {
        let noNUL = exchange(headers: [], body: [0xFF, 0x1B, 0x41, 0x5C])
        #expect(CurlExport.prefersBodyFile(noNUL))
        // POSIX printf with octal escapes, not bash's $'..': `sh script` is dash on Debian.
        #expect(CurlExport.command(for: noNUL).hasPrefix(#"printf '\377\033A\\' | curl "#))
        #expect(!CurlExport.command(for: noNUL).contains("$'"))
        #expect(CurlExport.command(for: noNUL, bodyFile: "/tmp/b").contains("--data-binary '@/tmp/b'"))
        let withNUL = exchange(headers: [], body: [0x00, 0x25, 0x27, 0x41])
        let command = CurlExport.command(for: withNUL)
        #expect(command.hasPrefix(#"printf '\000%%\047A' | curl "#))
        #expect(command.contains("--data-binary @-"))
    }

    @Test func ansiCQuotingKeepsFollowingHexDigitsApart() {
        #expect(ShellQuoting.ansiC([0x01, 0x61, 0x62]) == #"$'\x01ab'"#)
        #expect(ShellQuoting.quote(Array("plain text\nline".utf8)) == "'plain text\nline'")
    }
}

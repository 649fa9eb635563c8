import Testing
@testable import HookscopeCore

@Suite struct ExchangeSummaryLineTests {
    let base = Exchange(
        id: 7, receivedAt: Timestamp(rfc3339: "2026-11-23T19:05:02.123Z")!, remote: "127.0.0.1:1",
        method: "POST", target: "/hooks?x=1", headers: [], body: Array(repeating: 0x41, count: 1300),
        response: ExchangeResponse(status: 200, source: .default, durationMilliseconds: 0.34)
    )

    @Test func readableLine() {
        #expect(ExchangeSummaryLine.format(base) == "19:05:02.123 #7 POST /hooks?x=1  200  1.3 KB  0.3 ms")
    }

    @Test func providerVerdictAndRetryAreShown() {
        var e = base
        e.analysis = ExchangeAnalysis(provider: "teamwork", event: "deals.created", signature: SignatureVerdict(status: .invalid), attempt: 3)
        e.analysis.retryChange = "body differs from attempt 1"
        #expect(ExchangeSummaryLine.format(e).hasSuffix("0.3 ms  teamwork deals.created ✗ invalid  attempt 3 (body differs from attempt 1)"))
    }

    @Test func noAnswerRejectionsAndSourcesAreShown() {
        var e = base
        e.response = ExchangeResponse(status: nil, source: .disconnected, durationMilliseconds: 30_000)
        e.bodyTruncated = true
        e.rejection = "no body bytes for 300 ms"
        #expect(ExchangeSummaryLine.format(e) == "19:05:02.123 #7 POST /hooks?x=1  ---  1.3 KB (truncated)  rejected: no body bytes for 300 ms  30.0 s [disconnected]")
        e.response = nil
        #expect(ExchangeSummaryLine.format(e).contains("  ...  "))
    }

    @Test func networkTextCannotDriveTheTerminal() {
        var e = base
        e.method = "P\u{1B}[2JOST"
        e.target = "/\u{1B}]0;owned\u{07}"
        e.analysis = ExchangeAnalysis(provider: "x\u{1B}", event: "e\u{202E}v", signature: SignatureVerdict(status: .valid))
        // A rejection's reason read back from a save file, a HAR or the store is anyone's text
        // (session 19 review M1).
        e.rejection = "bad\u{1B}[31m request"
        let line = ExchangeSummaryLine.format(e)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x202E })
        #expect(line.contains(#"/\x1b]0;owned\x07"#))
    }
}

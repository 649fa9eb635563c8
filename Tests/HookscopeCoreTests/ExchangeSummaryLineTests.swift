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

    /// The line is written as bytes into the printer's buffer: after what is there, with the
    /// same text `format` gives.
    @Test func appendWritesAfterWhatIsThere() {
        var line = Array("earlier\n".utf8)
        ExchangeSummaryLine.append(base, to: &line)
        #expect(String(decoding: line, as: UTF8.self) == "earlier\n" + ExchangeSummaryLine.format(base))
    }

    @Test func sizesAndDurationsAtTheirEdges() {
        #expect(ByteCountText.format(0) == "0 B")
        #expect(ByteCountText.format(1023) == "1023 B")
        #expect(ByteCountText.format(1024) == "1.0 KB")
        #expect(ByteCountText.format(1024 * 1024 - 1) == "1024.0 KB")
        #expect(ByteCountText.format(5 * 1024 * 1024) == "5.0 MB")
        #expect(ByteCountText.format(3 * 1024 * 1024 * 1024 * 1024 * 1024) == "3072.0 TB")
        #expect(DurationText.format(milliseconds: 0) == "0.0 ms")
        #expect(DurationText.format(milliseconds: 9.94) == "9.9 ms")
        #expect(DurationText.format(milliseconds: 9.96) == "10.0 ms")
        #expect(DurationText.format(milliseconds: 10) == "10 ms")
        #expect(DurationText.format(milliseconds: 999.4) == "999 ms")
        #expect(DurationText.format(milliseconds: 1500) == "1.5 s")
        #expect(DurationText.format(milliseconds: 90_000) == "90.0 s")
        // Anyone's number, read from a save file or the store: shown, never a trap.
        #expect(DurationText.format(milliseconds: 1e300) == "10000000000000000.0 s")
        #expect(DurationText.format(milliseconds: -1e300) == "-10000000000000000.0 ms")
        #expect(DurationText.format(milliseconds: .nan) == "? s")
        #expect(DurationText.format(milliseconds: .infinity) == "? s")
    }

    @Test func timeOfDayBefore1970AndAtMidnight() {
        var e = base
        e.receivedAt = Timestamp(rfc3339: "1969-12-31T23:59:59.999Z")!
        #expect(ExchangeSummaryLine.format(e).hasPrefix("23:59:59.999 #7 "))
        e.receivedAt = Timestamp(rfc3339: "2026-12-02T00:00:00.000Z")!
        #expect(ExchangeSummaryLine.format(e).hasPrefix("00:00:00.000 #7 "))
    }

    /// An event name is cut at 60 characters, not bytes: accented and CJK names keep whole
    /// characters.
    @Test func longEventNamesAreCutAtSixtyCharacters() {
        var e = base
        let cjk = String(repeating: "事", count: 70)
        e.analysis = ExchangeAnalysis(provider: "github", event: cjk, signature: SignatureVerdict(status: .valid))
        #expect(ExchangeSummaryLine.format(e).hasSuffix("github " + String(repeating: "事", count: 60) + " ✓ valid"))
        e.analysis.event = String(repeating: "e", count: 60)
        #expect(ExchangeSummaryLine.format(e).hasSuffix("github " + String(repeating: "e", count: 60) + " ✓ valid"))
        e.analysis.event = String(repeating: "e\u{301}", count: 40)   // 40 characters, 120 bytes
        #expect(ExchangeSummaryLine.format(e).hasSuffix("github " + String(repeating: "e\u{301}", count: 40) + " ✓ valid"))
    }
}

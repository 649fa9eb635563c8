import Foundation
import Testing
@testable import HookscopeCore

/// The rare parts of an exchange that hookscope shows survive a save file (`--save`, `w`,
/// then `--load`), the store (whose row is the same line) and HAR: the request's HTTP
/// version (the Request tab's first line, `--http1.0` in curl) and why a request was
/// rejected (the headless line). Each is written only when it is there, so an ordinary
/// line is as it was.
@Suite struct ExchangeJSONLinesRarePartsTests {
    let sample = ExchangeJSONLinesTests().sample

    func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    func throughHAR(_ exchange: Exchange) throws -> Exchange {
        let back = HARImport.decode(HARExport.encode([exchange]))
        #expect(back.problems.isEmpty)
        return try #require(back.exchanges.first)
    }

    @Test func anOrdinaryLineHasNoneOfThem() throws {
        let o = try object(ExchangeJSONLines.encode(sample))
        #expect(o["http_version"] == nil)
        #expect(o["rejection"] == nil)
    }

    @Test func anHTTP10RequestIsReadBackAsHTTP10() throws {
        var old = sample
        old.httpVersion = "HTTP/1.0"
        let line = ExchangeJSONLines.encode(old)
        #expect(try object(line)["http_version"] as? String == "HTTP/1.0")
        let back = try ExchangeJSONLines.decode(line)
        #expect(back.httpVersion == "HTTP/1.0")
        #expect(HTTPRequestText.format(back).starts(with: Array("POST /hooks/teamwork?debug=1&x=%20 HTTP/1.0\n".utf8)))
        #expect(try throughHAR(back).httpVersion == "HTTP/1.0")
    }

    @Test func aVersionThatIsNoHTTPVersionIsReadAsHTTP11() throws {
        for written in ["HTTP/2", "\u{1B}[31mHTTP/1.0", "h2", ""] {
            var o = try object(ExchangeJSONLines.encode(sample))
            o["http_version"] = written
            let line = String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self)
            #expect(try ExchangeJSONLines.decode(line).httpVersion == "HTTP/1.1", "\(written)")
        }
    }

    @Test func aRejectedRequestKeepsItsReason() throws {
        var rejected = sample
        rejected.analysis = .none
        rejected.rejection = "no body bytes for 300 ms (--body-timeout) after 12 bytes"
        rejected.response = ExchangeResponse(status: 408, source: .error, durationMilliseconds: 300)
        let back = try ExchangeJSONLines.decode(ExchangeJSONLines.encode(rejected))
        #expect(back.rejection == rejected.rejection)
        #expect(ExchangeSummaryLine.format(back) == ExchangeSummaryLine.format(rejected))
        #expect(try throughHAR(rejected).rejection == rejected.rejection)
    }

    @Test func twoLoadedRejectionsOfTheSameBytesAreNotNumberedAsRetries() throws {
        // As live: a request refused before it was read is no delivery, so no attempt.
        var rejected = Exchange(receivedAt: Timestamp(rfc3339: "2026-11-23T19:05:02.123Z")!, remote: "127.0.0.1:1", method: "-", target: "-",
                                headers: [], body: Array("GARBAGE\n\n".utf8))
        rejected.rejection = "malformed HTTP: the method is not a known HTTP method token"
        rejected.response = ExchangeResponse(status: 400, source: .error, durationMilliseconds: 0)
        let line = ExchangeJSONLines.encode(rejected)
        let decoded = ExchangeFile.decode(line + "\n" + line).exchanges
        let loaded = RetryGrouper().assignLoaded(decoded) { _ in ExchangeAnalysis() }
        #expect(loaded.map(\.analysis.attempt) == [1, 1])
        #expect(loaded.allSatisfy { $0.rejection == rejected.rejection })
    }
}

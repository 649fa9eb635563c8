import Foundation
import Testing
@testable import HookscopeCore

@Suite struct ExchangeJSONLinesTests {
    let sample = Exchange(
        id: 42,
        receivedAt: Timestamp(nanosecondsSinceEpoch: 1_629_793_288_123_456_789),
        remote: "127.0.0.1:50123",
        method: "POST",
        target: "/hooks/teamwork?debug=1&x=%20",
        headers: [HeaderField("Host", "localhost"), HeaderField("X-Dup", "a"), HeaderField("x-dup", "b"), HeaderField("Event", "deals.created")],
        body: Array(#"{"id":1,"name":"Zoë \"quoted\"\n"}"#.utf8),
        bodySize: 40,
        bodyTruncated: true,
        analysis: ExchangeAnalysis(
            provider: "teamwork", event: "deals.created", deliveryID: "9b2f",
            signature: SignatureVerdict(status: .invalid, scheme: "hmac-sha256-hex", header: "Signature", reason: "does not match"),
            attempt: 3
        ),
        response: ExchangeResponse(
            status: 500, headers: [HeaderField("Content-Type", "application/json"), HeaderField("X-Try", "again")],
            body: Array(#"{"error":"busy"}"#.utf8), source: .rule, durationMilliseconds: 12.3456
        )
    )

    func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func everyFieldOfTheContractIsPresentWithItsType() throws {
        let line = ExchangeJSONLines.encode(sample)
        #expect(!line.contains("\n"))
        let o = try object(line)
        #expect(Set(o.keys) == [
            "id", "received_at", "remote", "method", "path", "query", "headers", "body", "body_size",
            "body_truncated", "provider", "event", "delivery_id", "signature", "attempt", "response",
        ])
        #expect(o["id"] as? Int == 42)
        #expect(o["received_at"] as? String == "2021-08-24T08:21:28.123Z")
        #expect(o["remote"] as? String == "127.0.0.1:50123")
        #expect(o["method"] as? String == "POST")
        #expect(o["path"] as? String == "/hooks/teamwork")
        #expect(o["query"] as? String == "debug=1&x=%20")
        let headers = try #require(o["headers"] as? [[String]])
        #expect(headers == [["Host", "localhost"], ["X-Dup", "a"], ["x-dup", "b"], ["Event", "deals.created"]])
        #expect(o["body"] as? String == #"{"id":1,"name":"Zoë \"quoted\"\n"}"#)
        #expect(o["body_size"] as? Int == 40)
        #expect(o["body_truncated"] as? Bool == true)
        #expect(o["provider"] as? String == "teamwork")
        #expect(o["event"] as? String == "deals.created")
        #expect(o["delivery_id"] as? String == "9b2f")
        let signature = try #require(o["signature"] as? [String: Any])
        #expect(Set(signature.keys) == ["status", "scheme", "header", "reason"])
        #expect(signature["status"] as? String == "invalid")
        #expect(signature["header"] as? String == "Signature")
        #expect(o["attempt"] as? Int == 3)
        let response = try #require(o["response"] as? [String: Any])
        #expect(Set(response.keys) == ["status", "source", "duration_ms", "headers", "body", "body_size"])
        #expect(response["status"] as? Int == 500)
        #expect(response["source"] as? String == "rule")
        #expect(response["duration_ms"] as? Double == 12.346)
        #expect(response["headers"] as? [[String]] == [["Content-Type", "application/json"], ["X-Try", "again"]])
        #expect(response["body"] as? String == #"{"error":"busy"}"#)
        #expect(response["body_size"] as? Int == 16)
    }

    /// The answer's headers and body are kept as the request's are (#12 point 6): text or
    /// base64, read back by `--load`; lines written before they were kept still load.
    @Test func theAnswersHeadersAndBodyRoundTrip() throws {
        var binary = sample
        binary.response?.body = [0xFF, 0x00, 0x41]
        let line = ExchangeJSONLines.encode(binary)
        let response = try #require(try object(line)["response"] as? [String: Any])
        #expect(response["body_base64"] as? String == "/wBB")
        #expect(response["body"] == nil)
        #expect(try ExchangeJSONLines.decode(line).response == binary.response.map {
            ExchangeResponse(status: $0.status, headers: $0.headers, body: $0.body, source: $0.source, durationMilliseconds: 12.346)
        })
        let older = line.replacingOccurrences(of: #","headers":[["Content-Type","application/json"],["X-Try","again"]],"body_base64":"/wBB","body_size":3}"#, with: "}")
        #expect(older != line)
        // Marked as such: no headers is not what the answer had, but what the line lacks.
        #expect(try ExchangeJSONLines.decode(older).response == ExchangeResponse(status: 500, source: .rule, durationMilliseconds: 12.346, contentRecorded: false))
        #expect(throws: ExchangeJSONLines.DecodingError.self) {
            try ExchangeJSONLines.decode(line.replacingOccurrences(of: #""body_base64":"/wBB""#, with: #""body_base64":"!!""#))
        }
    }

    /// `export --har` of a saved file carries the answer's headers and size (#12 point 6).
    @Test func harExportOfSavedLinesHasTheAnswer() throws {
        let loaded = try ExchangeJSONLines.decode(ExchangeJSONLines.encode(sample))
        let har = try #require(JSONSerialization.jsonObject(with: Data(HARExport.encode([loaded]).utf8)) as? [String: Any])
        let entry = try #require(((har["log"] as? [String: Any])?["entries"] as? [[String: Any]])?.first)
        let response = try #require(entry["response"] as? [String: Any])
        #expect((response["headers"] as? [[String: String]])?.map { $0["name"] ?? "" } == ["Content-Type", "X-Try"])
        let content = try #require(response["content"] as? [String: Any])
        #expect(content["size"] as? Int == 16)
        #expect(content["text"] as? String == #"{"error":"busy"}"#)
        #expect(response["bodySize"] as? Int == 16)
    }

    @Test func aForwardedDeliveryNamesItsRouteAndTheAppsAnswer() throws {
        var forwarded = sample
        forwarded.upstream = UpstreamResponse(
            url: "http://localhost:3000/in/x", status: 202, body: Array("ok".utf8), durationMilliseconds: 4.5, route: "/stripe/**"
        )
        let o = try object(ExchangeJSONLines.encode(forwarded))
        let forward = try #require(o["forward"] as? [String: Any])
        #expect(Set(forward.keys) == ["route", "url", "status", "duration_ms", "error"])
        #expect(forward["route"] as? String == "/stripe/**")
        #expect(forward["url"] as? String == "http://localhost:3000/in/x")
        #expect(forward["status"] as? Int == 202)
        #expect(forward["error"] is NSNull)
        let back = try ExchangeJSONLines.decode(ExchangeJSONLines.encode(forwarded))
        #expect(back.upstream?.route == "/stripe/**")
        #expect(back.upstream?.status == 202)
        #expect(back.upstream?.url == "http://localhost:3000/in/x")
        // The app's headers and body are not in the line, and the read-back says so.
        #expect(forwarded.upstream?.contentRecorded == true)
        #expect(back.upstream?.contentRecorded == false)
        #expect(back.upstream?.body == [])

        forwarded.upstream = UpstreamResponse(url: "http://localhost:1/x", status: nil, durationMilliseconds: 1, error: "refused", route: "default")
        let failed = try #require(try object(ExchangeJSONLines.encode(forwarded))["forward"] as? [String: Any])
        #expect(failed["status"] is NSNull)
        #expect(failed["error"] as? String == "refused")
        // A replay's upstream has no route: nothing is added.
        forwarded.upstream?.route = nil
        #expect(try object(ExchangeJSONLines.encode(forwarded))["forward"] == nil)
    }

    @Test func defaultsForAnUnanalysedExchange() throws {
        let plain = Exchange(receivedAt: .init(nanosecondsSinceEpoch: 0), remote: "r", method: "GET", target: "/", headers: [], body: [])
        let o = try object(ExchangeJSONLines.encode(plain))
        #expect(o["query"] is NSNull)
        #expect(o["provider"] is NSNull)
        #expect(o["event"] is NSNull)
        #expect(o["delivery_id"] is NSNull)
        #expect((o["signature"] as? [String: Any])?["status"] as? String == "unsigned")
        #expect(o["attempt"] as? Int == 1)
        #expect(o["response"] is NSNull)
        #expect(o["body"] as? String == "")
        #expect(o["received_at"] as? String == "1970-01-01T00:00:00.000Z")
    }

    @Test func noResponseSentHasANullStatus() throws {
        var dropped = sample
        dropped.response = ExchangeResponse(status: nil, source: .disconnected, durationMilliseconds: 30_000)
        let response = try #require(try object(ExchangeJSONLines.encode(dropped))["response"] as? [String: Any])
        #expect(response["status"] is NSNull)
        #expect(response["source"] as? String == "disconnected")
    }

    @Test func invalidUTF8BodyIsBase64AndExactlyOneBodyFieldIsPresent() throws {
        var binary = sample
        binary.body = [0xFF, 0x00, 0x1B, 0xC3]
        let o = try object(ExchangeJSONLines.encode(binary))
        #expect(o["body"] == nil)
        #expect(o["body_base64"] as? String == Data([0xFF, 0x00, 0x1B, 0xC3]).base64EncodedString())
    }

    @Test func controlCharactersAreEscapedSoTheLineIsSafeAndValid() throws {
        var hostile = sample
        hostile.body = Array("\u{1B}]0;owned\u{07}\u{1B}[2J\u{00}\u{7F}\r\n\t\\\"".utf8)
        hostile.headers = [HeaderField("X-Evil", "a\u{1B}[31mred")]
        let line = ExchangeJSONLines.encode(hostile)
        #expect(!line.utf8.contains { $0 < 0x20 || $0 == 0x7F })
        let o = try object(line)
        #expect(o["body"] as? String == "\u{1B}]0;owned\u{07}\u{1B}[2J\u{00}\u{7F}\r\n\t\\\"")
        #expect((o["headers"] as? [[String]])?.first?.last == "a\u{1B}[31mred")
    }

    @Test func roundTripKeepsEveryField() throws {
        let decoded = try ExchangeJSONLines.decode(ExchangeJSONLines.encode(sample))
        var expected = sample
        // Durations are kept to the microsecond.
        expected.response?.durationMilliseconds = 12.346
        #expect(decoded == Exchange(
            id: expected.id, receivedAt: Timestamp(nanosecondsSinceEpoch: 1_629_793_288_123_000_000),
            remote: expected.remote, method: expected.method, target: expected.target,
            headers: expected.headers, body: expected.body, bodySize: expected.bodySize,
            bodyTruncated: expected.bodyTruncated, analysis: expected.analysis, response: expected.response
        ))
    }

    @Test func roundTripOfBinaryBodies() throws {
        for _ in 0..<50 {
            var e = sample
            e.body = (0..<Int.random(in: 0...300)).map { _ in UInt8.random(in: 0...255) }
            #expect(try ExchangeJSONLines.decode(ExchangeJSONLines.encode(e)).body == e.body)
        }
    }

    @Test func badLinesAreReportedWithTheirNumbersAndSkipped() {
        let good = ExchangeJSONLines.encode(sample)
        let text = [good, "not json", "", #"{"method":"GET"}"#, "[1,2]", good, #"{"method":"GET","path":"/","received_at":"yesterday","headers":[],"body":""}"#].joined(separator: "\n")
        let (exchanges, problems) = ExchangeJSONLines.decodeLines(text)
        #expect(exchanges.count == 2)
        #expect(problems.map(\.line) == [2, 4, 5, 7])
        #expect(problems[0].message == "not valid JSON")
        #expect(problems[1].message.contains("path"))
        #expect(problems[3].message.contains("received_at"))
    }
}

@Suite struct ExchangeJSONLinesPropertyTests {
    /// Random bytes in every field that comes from the network: the line is always one
    /// valid JSON object with no raw control byte, and it reads back to the same bytes.
    @Test func anyInputBytesGiveValidJSON() throws {
        // Seeded, so a failure names inputs that can be made again.
        var rng = SplitMix64(seed: 140)
        func randomString() -> String {
            String(decoding: (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, as: UTF8.self)
        }
        for _ in 0..<300 {
            let body = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let exchange = Exchange(
                id: Int.random(in: 1...1_000_000, using: &rng),
                receivedAt: Timestamp(nanosecondsSinceEpoch: Int64.random(in: 0...4_000_000_000_000_000_000, using: &rng)),
                remote: randomString(), method: randomString(), target: randomString() + "?" + randomString(),
                headers: (0..<Int.random(in: 0...5, using: &rng)).map { _ in HeaderField(randomString(), randomString()) },
                body: body,
                analysis: ExchangeAnalysis(provider: randomString(), event: randomString(), deliveryID: randomString(),
                                           signature: SignatureVerdict(status: .invalid, reason: randomString()))
            )
            let line = ExchangeJSONLines.encode(exchange)
            #expect(!line.utf8.contains { $0 < 0x20 || $0 == 0x7F })
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
            let back = try ExchangeJSONLines.decode(line)
            #expect(back.body == body)
            #expect(back.headers == exchange.headers)
            #expect(back.method == exchange.method)
        }
    }
}

import Testing
@testable import HookscopeCore

/// What a forwarder attached to the store writes back, and the routes it registers: both
/// read back exactly as written, and a row that is not what it should be is an error.
@Suite struct RemoteForwardAnswerTests {
    @Test func anAnswerReadsBackExactlyWithItsBinaryBodies() throws {
        let appBody: [UInt8] = (0..<300).map { UInt8($0 % 256) }
        let written = RemoteForwardAnswer(
            answer: PlannedAnswer(status: 207, headers: [HeaderField("X-Dup", "1"), HeaderField("X-Dup", "2 \"quoted\"")],
                                  body: appBody, source: .forward),
            upstream: UpstreamResponse(url: "http://localhost:3000/hooks?a=1", status: 207, headers: [HeaderField("Via", "1.1 x")],
                                       body: appBody, durationMilliseconds: 12.5, route: "/hooks/**", forwardedBy: "ana@laptop",
                                       forwarder: "6f1c2a9e-5b7d-4c3e-9a10-2b3c4d5e6f70"))
        let read = try RemoteForwardAnswer.decode(written.encoded(), answerBody: appBody, upstreamBody: appBody)
        #expect(read == written)
    }

    @Test func aFailedForwardKeepsItsReason() throws {
        let written = RemoteForwardAnswer(
            answer: PlannedAnswer(status: 504, body: Array("hookscope: too slow\n".utf8), source: .error),
            upstream: UpstreamResponse(url: "http://localhost:3000/", status: nil, durationMilliseconds: 30_000,
                                       error: "timed out", timedOut: true, route: "default", forwardedBy: "bo@mac"))
        let read = try RemoteForwardAnswer.decode(written.encoded(), answerBody: written.answer.body, upstreamBody: [])
        #expect(read == written)
    }

    /// The listener records who forwarded (the session's id too, so the attached UI that
    /// did can mark it) and the whole round trip, in the JSON Lines `forward` object.
    @Test func theRecordKeepsTheForwarderAndTheRoundTrip() throws {
        var exchange = Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "127.0.0.1:1", method: "POST", target: "/x",
                                headers: [], body: [])
        exchange.response = ExchangeResponse(status: 201, source: .forward, durationMilliseconds: 15)
        exchange.upstream = UpstreamResponse(url: "http://localhost:3000/x", status: 201, durationMilliseconds: 2.5, route: "default",
                                             forwardedBy: "ana@laptop", forwarder: "6f1c2a9e-5b7d-4c3e-9a10-2b3c4d5e6f70",
                                             roundTripMilliseconds: 14.25)
        let line = ExchangeJSONLines.encode(exchange)
        #expect(line.contains(#""by":"ana@laptop","forwarder":"6f1c2a9e-5b7d-4c3e-9a10-2b3c4d5e6f70","round_trip_ms":14.25"#), "\(line)")
        let read = try ExchangeJSONLines.decode(line)
        #expect(read.upstream?.forwarder == "6f1c2a9e-5b7d-4c3e-9a10-2b3c4d5e6f70")
        #expect(read.upstream?.roundTripMilliseconds == 14.25)
        #expect(read.upstream?.durationMilliseconds == 2.5)
    }

    @Test func aMalformedRowIsAnError() {
        #expect(throws: RemoteForwardAnswer.Failure.self) { try RemoteForwardAnswer.decode("{\"status\":200}", answerBody: [], upstreamBody: []) }
        #expect(throws: RemoteForwardAnswer.Failure.self) {
            try RemoteForwardAnswer.decode(#"{"status":200,"source":"nonsense","headers":[],"upstream":{"url":"x"}}"#, answerBody: [], upstreamBody: [])
        }
        #expect(throws: RemoteForwardAnswer.Failure.self) {
            try RemoteForwardAnswer.decode(#"{"status":200,"source":"forward","headers":[1],"upstream":{"url":"x"}}"#, answerBody: [], upstreamBody: [])
        }
    }

    @Test func routesRegisterAsTheirForwardValuesAndParseBack() throws {
        let values = ["/stripe/** -> http://localhost:3000/stripe", "http://localhost:4000"]
        let routes = try #require(RemoteForwardRoutes.decode(RemoteForwardRoutes.encode(values)))
        #expect(routes == (try ForwardRoutes(values.map(ForwardRoute.parse))))
        #expect(RemoteForwardRoutes.decode("[\"colour=red -> http://x\"]") == nil, "a route this version cannot read takes nothing")
        #expect(RemoteForwardRoutes.decode("{}") == nil)
    }
}

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
                                       body: appBody, durationMilliseconds: 12.5, route: "/hooks/**", forwardedBy: "ana@laptop"))
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

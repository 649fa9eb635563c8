import Testing
@testable import HookscopeCore

@Suite struct ProxyHeadersTests {
    let via = "1.1 hookscope-0a0b0c0d"

    @Test func hopByHopHeadersAndTheOnesConnectionNamesAreDropped() {
        let headers = [
            HeaderField("Host", "h"), HeaderField("connection", "Upgrade, X-Secret-Hop"), HeaderField("Upgrade", "websocket"),
            HeaderField("X-Secret-Hop", "1"), HeaderField("TE", "trailers"), HeaderField("Proxy-Authorization", "Basic x"),
            HeaderField("X-Keep", "1"), HeaderField("Transfer-Encoding", "chunked"),
        ]
        #expect(ProxyHeaders.forwardedRequest(headers, via: via, host: nil) == [
            HeaderField("Host", "h"), HeaderField("X-Keep", "1"), HeaderField("Transfer-Encoding", "chunked"), HeaderField("Via", via),
        ])
    }

    @Test func viaIsAppendedToAnExistingOneAndRecognisedAsALoop() {
        let forwarded = ProxyHeaders.forwardedRequest([HeaderField("Via", "1.0 fred")], via: via, host: "up:3000")
        #expect(forwarded == [HeaderField("Host", "up:3000"), HeaderField("Via", "1.0 fred, \(via)")])
        #expect(ProxyHeaders.isLoop(forwarded, via: via))
        #expect(!ProxyHeaders.isLoop([HeaderField("Via", "1.0 fred, 1.1 hookscope-ffffffff")], via: via))
    }

    @Test func relayedAnswersLoseFramingAndHopByHopHeaders() {
        let relayed = ProxyHeaders.relayedResponse([
            HeaderField("Content-Length", "3"), HeaderField("Transfer-Encoding", "chunked"), HeaderField("Connection", "close"),
            HeaderField("Set-Cookie", "a"), HeaderField("Set-Cookie", "b"),
        ], via: via)
        #expect(relayed == [HeaderField("Set-Cookie", "a"), HeaderField("Set-Cookie", "b"), HeaderField("Via", via)])
    }
}

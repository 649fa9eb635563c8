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

@Suite struct UpstreamResponseContractTests {
    @Test func theUpstreamsAnswerAddsNothingToTheJSONLinesContract() {
        var exchange = Exchange(
            id: 1, receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "127.0.0.1:1", method: "POST", target: "/x",
            headers: [HeaderField("Host", "h")], body: Array("{}".utf8),
            response: ExchangeResponse(status: 202, source: .forward, durationMilliseconds: 3)
        )
        let without = ExchangeJSONLines.encode(exchange)
        exchange.upstream = UpstreamResponse(url: "http://app/x", status: 202, headers: [HeaderField("X", "1")], body: Array("ok".utf8), durationMilliseconds: 2)
        #expect(ExchangeJSONLines.encode(exchange) == without)
        #expect(exchange.approximateByteCount > Exchange(receivedAt: exchange.receivedAt, remote: "127.0.0.1:1", method: "POST", target: "/x", headers: [HeaderField("Host", "h")], body: Array("{}".utf8), response: exchange.response).approximateByteCount)
    }
}

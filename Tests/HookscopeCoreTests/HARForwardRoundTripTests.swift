import Foundation
import Testing
@testable import HookscopeCore

/// A forwarded or relayed delivery exported as HAR (`x`, `export --har`) and loaded back
/// (`--load out.har`) keeps what the screen shows of it, as a save file does: the app's
/// status, route and timing (`_hookscope.forward`), and the relay it came through
/// (`_hookscope.source`/`relay`). HAR export wrote both and the import read neither, so
/// the Response tab lost "your app said 200" and the round trip (review 18b L5).
@Suite struct HARForwardRoundTripTests {
    static let app = "http://127.0.0.1:3000/hooks/productive"
    static let json = [HeaderField("Content-Type", "application/json")]

    static func delivery(response: ExchangeResponse, upstream: UpstreamResponse?) -> Exchange {
        Exchange(
            id: 3, receivedAt: Timestamp(rfc3339: "2026-11-23T19:05:02.123Z")!, remote: "127.0.0.1:50000",
            method: "POST", target: "/hooks/productive?x=1",
            headers: [HeaderField("Host", "127.0.0.1:8080")] + json, body: Array(#"{"ok":true}"#.utf8),
            analysis: ExchangeAnalysis(provider: "productive", event: "deal.created", deliveryID: nil),
            response: response, upstream: upstream
        )
    }

    /// The sender got the app's own answer, forwarded by the listener's `--forward`.
    static let relayed = delivery(
        response: ExchangeResponse(status: 200, headers: json, body: Array(#"{"received":true}"#.utf8), source: .forward, durationMilliseconds: 3.1),
        upstream: UpstreamResponse(url: app, status: 200, headers: json, body: Array(#"{"received":true}"#.utf8),
                                   durationMilliseconds: 2.8, route: "/hooks/**")
    )

    /// A rule answered 503; the app, called through the shared store by a forwarder, said 201.
    static let overriddenThroughTheStore = delivery(
        response: ExchangeResponse(status: 503, headers: [HeaderField("Retry-After", "30")], body: Array("try later".utf8), source: .rule, durationMilliseconds: 0.3),
        upstream: UpstreamResponse(url: app, status: 201, headers: json, body: Array("{}".utf8), durationMilliseconds: 2.8,
                                   route: "remote", forwardedBy: "ana@laptop", forwarder: "f-17", roundTripMilliseconds: 41.5)
    )

    /// Nothing listened at the app's address.
    static let appDown = delivery(
        response: ExchangeResponse(status: 502, body: Array("cannot reach".utf8), source: .error, durationMilliseconds: 1.3),
        upstream: UpstreamResponse(url: app, status: nil, durationMilliseconds: 1.1, error: "cannot connect: connection refused", route: "default")
    )

    static func throughHAR(_ exchange: Exchange) throws -> Exchange {
        let back = HARImport.decode(HARExport.encode([exchange]))
        #expect(back.problems.isEmpty)
        return try #require(back.exchanges.first)
    }

    static func throughJSONLines(_ exchange: Exchange) throws -> Exchange {
        try ExchangeJSONLines.decode(ExchangeJSONLines.encode(exchange))
    }

    @Test(arguments: [relayed, overriddenThroughTheStore, appDown])
    func aForwardedDeliveryComesBackFromHARAsFromASaveFile(_ exchange: Exchange) throws {
        let fromHAR = try Self.throughHAR(exchange)
        let upstream = try #require(fromHAR.upstream, "the app's part is lost")
        #expect(upstream.url == exchange.upstream?.url)
        #expect(upstream.status == exchange.upstream?.status)
        #expect(upstream.route == exchange.upstream?.route)
        #expect(upstream.error == exchange.upstream?.error)
        #expect(upstream.forwardedBy == exchange.upstream?.forwardedBy)
        #expect(upstream.roundTripMilliseconds == exchange.upstream?.roundTripMilliseconds)
        // The app's headers and body are in neither format: said to be not recorded.
        #expect(!upstream.contentRecorded)
        // All of it as a save file gives it back, the sender's answer with its content.
        #expect(fromHAR == (try Self.throughJSONLines(exchange)))
        #expect(fromHAR.response == exchange.response)
    }

    @Test func aForwardReadBackWithoutItsAnswersContentStaysSoThroughHAR() throws {
        // A line saved before the answer's headers and body were kept, then exported.
        let line = ExchangeJSONLines.encode(Self.overriddenThroughTheStore)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var response = try #require(object["response"] as? [String: Any])
        for key in ["headers", "body", "body_base64", "body_size"] { response[key] = nil }
        object["response"] = response
        let loaded = try ExchangeJSONLines.decode(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        #expect(loaded.response?.contentRecorded == false)
        #expect(loaded.upstream?.contentRecorded == false)

        let fromHAR = try Self.throughHAR(loaded)
        #expect(fromHAR == loaded)
        // And again: nothing drifts on a second trip.
        #expect(try Self.throughHAR(fromHAR) == loaded)
    }

    @Test func aRelayedDeliveryKeepsItsRelayThroughHAR() throws {
        var smee = Self.delivery(response: ExchangeResponse(status: nil, source: .relay, durationMilliseconds: 0), upstream: nil)
        smee.target = "/?x=1"
        smee.relay = ExchangeRelay(kind: "smee", host: "smee.io", channelTag: "0123abcd", bodyIsExact: false)
        let fromHAR = try Self.throughHAR(smee)
        #expect(fromHAR.relay == smee.relay)
        #expect(fromHAR == (try Self.throughJSONLines(smee)))
    }
}

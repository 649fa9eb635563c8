import HookscopeCore
@testable import HookscopeTUI

/// Forwarded and replayed exchanges as the server records them: the sender's answer in
/// `response`, the app's in `upstream`, a replay linked to its original by `replayOf`.
enum ForwardFixtures {
    static let app = "http://127.0.0.1:3000/hooks/productive"
    static let json = [HeaderField("Content-Type", "application/json")]
    static let appBody = Array(#"{"received":true}"#.utf8)

    static func delivery(seconds: Double, response: ExchangeResponse, upstream: UpstreamResponse?) -> Exchange {
        var exchange = Fixtures.exchange(
            target: "/hooks/productive", seconds: seconds, provider: "productive", event: "deal.created",
            signature: SignatureVerdict(status: .valid, scheme: "hmac-sha256-hex", header: "Productive-Signature")
        )
        exchange.response = response
        exchange.upstream = upstream
        return exchange
    }

    /// The sender got the app's own answer.
    static func relayed(seconds: Double = 0) -> Exchange {
        delivery(
            seconds: seconds,
            response: ExchangeResponse(status: 200, headers: json + [HeaderField("Via", "1.1 hookscope")], body: appBody, source: .forward, durationMilliseconds: 3.1),
            upstream: UpstreamResponse(url: app, status: 200, headers: json, body: appBody, durationMilliseconds: 2.8)
        )
    }

    /// A rule answered 503 while the app, still called, said 200.
    static func overridden(seconds: Double = 1) -> Exchange {
        delivery(
            seconds: seconds,
            response: ExchangeResponse(status: 503, headers: [HeaderField("Retry-After", "30")], body: Array("try later".utf8), source: .rule, durationMilliseconds: 0.3),
            upstream: UpstreamResponse(url: app, status: 200, headers: json, body: appBody, durationMilliseconds: 2.8)
        )
    }

    /// Nothing listened at the app's address: the sender got hookscope's 502.
    static func appDown(seconds: Double = 2) -> Exchange {
        delivery(
            seconds: seconds,
            response: ExchangeResponse(
                status: 502, headers: [HeaderField("Content-Type", "text/plain; charset=utf-8")],
                body: Array("hookscope: cannot reach the upstream http://127.0.0.1:3000: connection refused; is the app running?\n".utf8),
                source: .error, durationMilliseconds: 1.3
            ),
            upstream: UpstreamResponse(url: app, status: nil, durationMilliseconds: 1.1, error: "cannot connect: connection refused")
        )
    }

    /// The app took longer than --forward-timeout: the sender got 504.
    static func appSlow(seconds: Double = 3) -> Exchange {
        delivery(
            seconds: seconds,
            response: ExchangeResponse(status: 504, body: Array("hookscope: too slow\n".utf8), source: .error, durationMilliseconds: 30_000),
            upstream: UpstreamResponse(url: app, status: nil, durationMilliseconds: 30_000, error: "no answer within 30000 ms")
        )
    }

    /// A replay of #`original` as `Replayer.Outcome.asExchange` builds it.
    static func replay(of original: Int, seconds: Double = 4, failed: Bool = false) -> Exchange {
        var row = Exchange(
            receivedAt: Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + Int64(seconds * 1e9)),
            remote: "hookscope replay", method: "POST", target: "/hooks/productive", headers: json, body: Array(#"{"ok":true}"#.utf8),
            analysis: ExchangeAnalysis(provider: "productive", event: "deal.created", deliveryID: nil)
        )
        row.replayOf = original
        if failed {
            row.response = ExchangeResponse(status: nil, source: .error, durationMilliseconds: 0)
            row.upstream = UpstreamResponse(url: app, status: nil, durationMilliseconds: 0, error: "cannot connect: connection refused")
        } else {
            row.response = ExchangeResponse(status: 200, headers: json, body: appBody, source: .forward, durationMilliseconds: 2.5)
            row.upstream = UpstreamResponse(url: app, status: 200, headers: json, body: appBody, durationMilliseconds: 2.5)
        }
        return row
    }

    /// An ordinary delivery, each kind of forward, a replay of #1 and a failed replay.
    static func store() -> CaptureStore {
        let store = CaptureStore()
        for row in [relayed(seconds: 0), overridden(), appDown(), appSlow(), replay(of: 1), replay(of: 1, seconds: 5, failed: true)] {
            store.append(row)
        }
        return store
    }

    /// The store with exchange `id` open on `tab` (1-4).
    static func detail(_ id: Int, tab: Character, width: Int = 100, height: Int = 30, unicode: Bool = true) -> AppState {
        var state = Fixtures.state(store(), width: width, height: height, unicode: unicode)
        Fixtures.press([.home] + Array(repeating: .down, count: id - 1) + [.enter, .character(tab)], on: &state)
        return state
    }
}

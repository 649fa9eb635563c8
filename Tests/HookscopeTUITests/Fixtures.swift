import HookscopeCore
@testable import HookscopeTUI

/// Deterministic exchanges and states for screen and update tests.
enum Fixtures {
    /// 2026-11-23T19:05:02.123Z
    static let baseTime = Timestamp(rfc3339: "2026-11-23T19:05:02.123Z")!

    static func exchange(
        method: String = "POST", target: String = "/hooks", seconds: Double = 0,
        headers: [HeaderField] = [HeaderField("Content-Type", "application/json")],
        body: String = #"{"ok":true}"#, bodyBytes: [UInt8]? = nil,
        provider: String? = nil, event: String? = nil, signature: SignatureVerdict = .unsigned,
        attempt: Int = 1, status: Int? = 200, pending: Bool = false, duration: Double = 0.4
    ) -> Exchange {
        Exchange(
            receivedAt: Timestamp(nanosecondsSinceEpoch: baseTime.nanosecondsSinceEpoch + Int64(seconds * 1e9)),
            remote: "127.0.0.1:50000", method: method, target: target, headers: headers,
            body: bodyBytes ?? Array(body.utf8),
            analysis: ExchangeAnalysis(provider: provider, event: event, deliveryID: nil, signature: signature, attempt: attempt),
            response: pending ? nil : ExchangeResponse(
                status: status, headers: [HeaderField("Content-Type", "application/json")],
                body: Array(#"{"captured":true}"#.utf8), source: status == nil ? .disconnected : .default,
                durationMilliseconds: duration
            )
        )
    }

    /// One delivery per signature verdict, plus a retry, a 4xx, a 5xx and a pending one.
    static func mixedStore() -> CaptureStore {
        let store = CaptureStore()
        let rows: [Exchange] = [
            exchange(target: "/hooks/productive", seconds: 0, provider: "productive", event: "deal.created",
                     signature: SignatureVerdict(status: .valid, scheme: "hmac-sha256-hex", header: "Productive-Signature")),
            exchange(target: "/hooks/teamwork", seconds: 1, provider: "teamwork", event: "task.completed",
                     signature: SignatureVerdict(status: .invalid, scheme: "hmac-sha256-hex", header: "Signature", reason: "the signature does not match the body"),
                     status: 401),
            exchange(target: "/hooks/productive", seconds: 2, provider: "productive", event: "deal.updated",
                     signature: SignatureVerdict(status: .expired), attempt: 2, status: 500, duration: 12),
            exchange(target: "/hooks/gitproductivity", seconds: 3, provider: "gitproductivity", event: "push",
                     signature: SignatureVerdict(status: .malformed)),
            exchange(target: "/hooks/productlift", seconds: 4, provider: "productlift", event: "post.created",
                     signature: SignatureVerdict(status: .noSecret)),
            exchange(method: "GET", target: "/health?probe=1", seconds: 5, headers: [], body: "", pending: true),
        ]
        for row in rows { store.append(row) }
        return store
    }

    static func state(_ store: CaptureStore, width: Int = 100, height: Int = 30, unicode: Bool = true) -> AppState {
        var state = AppState(
            size: TerminalSize(width: width, height: height),
            settings: DisplaySettings(unicode: unicode, utcOffsetSeconds: 0),
            header: HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200")
        )
        _ = state.update(.storeChanged(store.snapshot()))
        return state
    }

    static func render(_ state: AppState) -> [String] {
        Renderer.render(state, size: state.size).lines
    }

    /// Applies keys in order, collecting the effects.
    @discardableResult
    static func press(_ keys: [Key], on state: inout AppState) -> [AppEffect] {
        keys.flatMap { state.update(.key($0)) }
    }
}

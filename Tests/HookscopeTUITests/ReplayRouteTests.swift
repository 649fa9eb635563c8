import HookscopeCore
import Testing
@testable import HookscopeTUI

/// Review finding M9: with several `--forward` routes, `r`, `e`, `Y` and `x` send each
/// exchange to the app of the route that forwarded it (as recorded), else of the route it
/// matches, not to the primary route; `T` still sends everything to the typed target.
@Suite struct ReplayRouteTests {
    static let primary = "http://127.0.0.1:4001"
    static let billing = "http://127.0.0.1:4002/in"
    static let routes = try! ForwardRoutes([
        ForwardRoute.parse("/hooks/billing/** -> \(billing)"),
        ForwardRoute.parse("POST /hooks/old/** -> http://127.0.0.1:4003"),
        ForwardRoute.parse(primary),
    ])

    /// #1 went to billing (recorded), #2 to the default route, #3 matches billing but
    /// was never forwarded (captured before --forward), #4 was forwarded by the `old` route
    /// although its path no longer says so (recorded wins).
    func state() -> AppState {
        let store = CaptureStore()
        var billed = Fixtures.exchange(target: "/hooks/billing/paid", seconds: 0)
        billed.upstream = UpstreamResponse(url: Self.billing + "/hooks/billing/paid", status: 200, durationMilliseconds: 1, route: "/hooks/billing/**")
        var other = Fixtures.exchange(target: "/hooks/other", seconds: 1)
        other.upstream = UpstreamResponse(url: Self.primary + "/hooks/other", status: 200, durationMilliseconds: 1, route: "default")
        let unforwarded = Fixtures.exchange(target: "/hooks/billing/refund", seconds: 2)
        var old = Fixtures.exchange(target: "/hooks/renamed", seconds: 3)
        old.upstream = UpstreamResponse(url: "http://127.0.0.1:4003/hooks/renamed", status: 200, durationMilliseconds: 1, route: "POST /hooks/old/**")
        for exchange in [billed, other, unforwarded, old] { store.append(exchange) }
        var state = Fixtures.state(store)
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", forwardTarget: Self.primary, forwardRoutes: Self.routes, responseMode: "forward")))
        return state
    }

    func order(_ effects: [AppEffect]) -> ReplayOrder? {
        guard effects.count == 1, case .replay(let order) = effects[0] else { return nil }
        return order
    }

    @Test func rSendsEachExchangeAlongItsOwnRouteAndSaysWhere() {
        var state = state()
        Fixtures.press([.character("g")], on: &state)
        let first = order(Fixtures.press([.character("r")], on: &state))
        #expect(first?.target(for: 1) == Self.billing)
        #expect(state.message?.text == "replaying #1 to \(Self.billing)…")
        Fixtures.press([.character("g"), .character(" "), .character(" "), .character(" "), .character(" ")], on: &state)
        let all = order(Fixtures.press([.character("r")], on: &state))
        #expect(all?.ids == [1, 2, 3, 4])
        #expect(all.map { order in order.ids.map(order.target(for:)) } == [Self.billing, Self.primary, Self.billing, "http://127.0.0.1:4003"])
        #expect(all?.targets == [Self.billing, Self.primary, "http://127.0.0.1:4003"])
        #expect(state.message?.text == "replaying 4 exchanges to \(Self.billing), \(Self.primary), http://127.0.0.1:4003…")
    }

    @Test func eAndYUseTheRouteToo() {
        var state = state()
        Fixtures.press([.character("g")], on: &state)
        guard case .editAndReplay(1, let target)? = Fixtures.press([.character("e")], on: &state).first else {
            Issue.record("expected editAndReplay")
            return
        }
        #expect(target == Self.billing)
        guard case .copy(let bytes, _)? = Fixtures.press([.character("Y")], on: &state).first else {
            Issue.record("expected copy")
            return
        }
        #expect(String(decoding: bytes, as: UTF8.self).contains("'\(Self.billing)/hooks/billing/paid'"))
    }

    @Test func xPointsEachCurlCommandAtItsRoutesApp() {
        var exporting = state()
        Fixtures.press([.character("g"), .character(" "), .character(" "), .character(" "), .character(" ")], on: &exporting)
        Fixtures.press([.character("x"), .control("u")] + "out.sh".map { .character($0) }, on: &exporting)
        guard case .export(let export)? = Fixtures.press([.enter], on: &exporting).first else {
            Issue.record("expected export")
            return
        }
        #expect(export.baseURL == Self.primary)
        #expect(export.routed == [1: Self.billing, 3: Self.billing, 4: "http://127.0.0.1:4003"])
        let script = CurlExport.script(export.exchanges, baseURL: export.baseURL, routed: export.routed, bodyFilesBeside: nil).text
        let urls = script.split(separator: "\n").filter { $0.hasPrefix("curl") }.map { line in line.split(separator: " ").last.map(String.init) ?? "" }
        #expect(urls == ["'\(Self.billing)/hooks/billing/paid'", "'\(Self.primary)/hooks/other'",
                         "'\(Self.billing)/hooks/billing/refund'", "'http://127.0.0.1:4003/hooks/renamed'"], "\(script)")
    }

    @Test func aTypedTargetStillTakesEverything() {
        var state = state()
        Fixtures.press([.character("T"), .control("u")] + "http://127.0.0.1:5000".map { .character($0) } + [.enter], on: &state)
        Fixtures.press([.character("g"), .character(" "), .character(" ")], on: &state)
        let sent = order(Fixtures.press([.character("r")], on: &state))
        #expect(sent == ReplayOrder(ids: [1, 2], target: "http://127.0.0.1:5000"))
    }

    @Test func oneRouteReplaysAsBefore() {
        var state = Fixtures.state(Fixtures.mixedStore())
        _ = state.update(.headerChanged(HeaderInfo(url: "u", forwardTarget: Self.primary, forwardRoutes: ForwardRoutes(upstream: Self.primary), responseMode: "forward")))
        Fixtures.press([.character("g")], on: &state)
        #expect(order(Fixtures.press([.character("r")], on: &state)) == ReplayOrder(ids: [1], target: Self.primary))
    }
}

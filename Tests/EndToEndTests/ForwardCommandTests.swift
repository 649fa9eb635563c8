import Foundation
import HookscopeCore
import Testing
import TestSupport

/// `hookscope listen --forward` through the real binaries: one hookscope in front, another
/// standing in for the user's app.
@Suite(.serialized, .offThePool) struct ForwardCommandTests {
    func firstExchange(_ listener: RunningHookscope) throws -> Exchange {
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first }
        return try ExchangeJSONLines.decode(String(line))
    }

    @Test func deliveriesReachTheAppAndItsAnswerReachesTheSender() throws {
        let app = try RunningHookscope(["--json", "--status", "201"])
        defer { _ = try? app.stop() }
        let front = try RunningHookscope(["--json", "--forward", app.url + "/app"])
        defer { _ = try? front.stop() }
        // The banner's second line may follow the first a moment later.
        _ = try Poll.until(timeout: 20) { front.stderr.contains("forwarding to \(app.url)/app") ? true : nil }
        let body = Array(#"{"id":"evt_1","type":"developer.added"}"#.utf8)
        let status = try ProviderTestClient.post(port: front.port, path: "/hooks/gp?x=1", headers: [("X-Dup", "1"), ("X-Dup", "2")], body: body)
        #expect(status == 201)
        let arrived = try firstExchange(app)
        #expect(arrived.target == "/app/hooks/gp?x=1")
        #expect(arrived.body == body)
        #expect(arrived.headers.all(named: "X-Dup") == ["1", "2"])
        #expect(arrived.headers.first(named: "Via")?.hasPrefix("1.1 hookscope-") == true)
        // Connection is hop-by-hop: the sender's "close" is not passed on.
        #expect(arrived.headers.first(named: "Connection") == nil)
        let recorded = try firstExchange(front)
        #expect(recorded.response?.status == 201)
        #expect(recorded.response?.source == .forward)
    }

    @Test func anAppThatIsNotRunningIs502() throws {
        let app = try RunningHookscope(["--json"])
        let deadURL = app.url
        #expect(try app.stop() == 0)
        let front = try RunningHookscope(["--json", "--forward", deadURL])
        defer { _ = try? front.stop() }
        #expect(try ProviderTestClient.post(port: front.port, path: "/x", headers: [], body: Array("{}".utf8)) == 502)
        let recorded = try firstExchange(front)
        #expect(recorded.response?.status == 502)
        #expect(recorded.response?.source == .error)
    }

    @Test func forwardFlagsAreChecked() throws {
        let result = try HookscopeCommand.run(["listen", "--rewrite-host"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("need --forward"))
    }
}

/// `--forward 'CONDITIONS -> URL'` through the real binaries: two apps behind routes, a
/// third behind the default route, and a listener whose routes leave a request to the plan.
@Suite(.serialized, .offThePool) struct ForwardRouteCommandTests {
    func exchanges(_ listener: RunningHookscope, count: Int) throws -> [Exchange] {
        try Poll.until(timeout: 20) {
            // A line still being written does not decode yet: wait for it.
            let decoded = listener.stdout.split(separator: "\n").compactMap { try? ExchangeJSONLines.decode(String($0)) }
            return decoded.count >= count ? decoded : nil
        }
    }

    func post(_ port: Int, _ path: String) throws -> Int {
        try ProviderTestClient.post(port: port, path: path, headers: [], body: Array(#"{"a":1}"#.utf8))
    }

    @Test func eachRequestGoesToTheFirstRouteThatMatchesElseTheDefault() throws {
        let stripe = try RunningHookscope(["--json", "--status", "201"])
        defer { _ = try? stripe.stop() }
        let orders = try RunningHookscope(["--json", "--status", "202"])
        defer { _ = try? orders.stop() }
        let fallback = try RunningHookscope(["--json", "--status", "203"])
        defer { _ = try? fallback.stop() }
        let front = try RunningHookscope([
            "--json", "--forward", fallback.url,
            "--forward", "/stripe/** -> \(stripe.url)/in",
            "--forward", "POST /orders/* -> \(orders.url)",
        ])
        defer { _ = try? front.stop() }
        _ = try Poll.until(timeout: 20) { front.stderr.contains("forwarding /stripe/** to \(stripe.url)/in") ? true : nil }
        #expect(try post(front.port, "/stripe/evt") == 201)
        #expect(try post(front.port, "/orders/7") == 202)
        #expect(try post(front.port, "/elsewhere") == 203)

        #expect(try exchanges(stripe, count: 1).map(\.target) == ["/in/stripe/evt"])
        #expect(try exchanges(orders, count: 1).map(\.target) == ["/orders/7"])
        #expect(try exchanges(fallback, count: 1).map(\.target) == ["/elsewhere"])
        let recorded = try exchanges(front, count: 3)
        #expect(recorded.map { $0.upstream?.route } == ["/stripe/**", "POST /orders/*", "default"])
        #expect(recorded.map { $0.upstream?.url } == ["\(stripe.url)/in/stripe/evt", "\(orders.url)/orders/7", "\(fallback.url)/elsewhere"])
        #expect(recorded.map { $0.response?.source } == [.forward, .forward, .forward])
    }

    @Test func aRequestNoRouteMatchesIsAnsweredAsPlanned() throws {
        let app = try RunningHookscope(["--json", "--status", "201"])
        defer { _ = try? app.stop() }
        let front = try RunningHookscope(["--json", "--status", "418", "--forward", "/stripe/** -> \(app.url)"])
        defer { _ = try? front.stop() }
        #expect(try post(front.port, "/github/push") == 418)
        #expect(try post(front.port, "/stripe/evt") == 201)
        let recorded = try exchanges(front, count: 2)
        #expect(recorded[0].response?.status == 418)
        #expect(recorded[0].response?.source == .default)
        #expect(recorded[0].upstream == nil)
        #expect(recorded[1].upstream?.route == "/stripe/**")
        #expect(try exchanges(app, count: 1).map(\.target) == ["/stripe/evt"])
    }

    @Test func badRoutesAreRefusedWithTheReason() throws {
        let twoDefaults = try HookscopeCommand.run(["listen", "--forward", "http://127.0.0.1:1", "--forward", "http://127.0.0.1:2"])
        #expect(twoDefaults.status != 0)
        #expect(twoDefaults.stderr.contains("default route"))
        let badCondition = try HookscopeCommand.run(["listen", "--forward", "colour=red -> http://127.0.0.1:1"])
        #expect(badCondition.status != 0)
        #expect(badCondition.stderr.contains("unknown forward route condition 'colour'"))
    }
}

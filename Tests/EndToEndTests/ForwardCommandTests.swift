import Foundation
import HookscopeCore
import Testing

/// `hookscope listen --forward` through the real binaries: one hookscope in front, another
/// standing in for the user's app.
@Suite(.serialized) struct ForwardCommandTests {
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

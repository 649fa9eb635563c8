import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

/// The forwarder against real upstreams: a capture server standing in for the user's app,
/// and raw TCP servers that misbehave.
@Suite(.offThePool) struct ForwarderTests {
    func exchange(method: String = "POST", target: String = "/hooks/x?a=1", headers: [HeaderField], body: [UInt8]) -> Exchange {
        Exchange(id: 9, receivedAt: .now(), remote: "127.0.0.1:5", method: method, target: target, headers: headers, body: body)
    }

    @Test func theRequestGoesUpstreamAndTheAnswerComesBack() async throws {
        let upstream = try await TestServer(plan: ResponsePlan(
            status: 201, headers: [HeaderField("X-App", "yes"), HeaderField("Set-Cookie", "a=1"), HeaderField("Set-Cookie", "b=2")], body: "made it"
        ))
        let forwarder = Forwarder(configuration: ForwardConfiguration(upstream: upstream.url + "/app/"))
        let body = randomBytes(5000)
        let original = exchange(headers: [
            HeaderField("Host", "public.example"), HeaderField("X-Dup", "1"), HeaderField("x-dup", "2"),
            HeaderField("Connection", "keep-alive, X-Hop"), HeaderField("X-Hop", "drop me"), HeaderField("Keep-Alive", "timeout=5"),
            HeaderField("Content-Length", "5000"),
        ], body: body)
        let outcome = try await forwarder.forward(original)
        await forwarder.shutdown()
        let received = try upstream.waitForCompleted(1)[0]
        #expect(received.method == "POST")
        #expect(received.target == "/app/hooks/x?a=1")
        #expect(received.body == body)
        // Hop-by-hop headers (and the one Connection named) stay behind; Via is added.
        #expect(received.headers.map(\.name) == ["Host", "X-Dup", "x-dup", "Via", "Content-Length"])
        #expect(received.headers.first(named: "Host") == "public.example")
        #expect(received.headers.first(named: "Via") == forwarder.configuration.via)
        #expect(outcome.upstream.status == 201)
        #expect(outcome.upstream.body == Array("made it".utf8))
        #expect(outcome.upstream.error == nil)
        #expect(outcome.answer.status == 201)
        #expect(outcome.answer.source == .forward)
        #expect(outcome.answer.body == Array("made it".utf8))
        #expect(outcome.answer.headers.all(named: "Set-Cookie") == ["a=1", "b=2"])
        #expect(outcome.answer.headers.first(named: "X-App") == "yes")
        #expect(outcome.answer.headers.first(named: "Content-Length") == nil)
        await upstream.stop()
    }

    @Test func hostCanBeRewrittenToTheUpstreams() async throws {
        let forwarder = Forwarder(configuration: ForwardConfiguration(upstream: "http://127.0.0.1:3000", rewriteHost: true))
        let request = forwarder.request(for: exchange(headers: [HeaderField("Host", "public.example")], body: []))
        #expect(request.headers.first(named: "Host") == "127.0.0.1:3000")
        await forwarder.shutdown()
    }

    @Test func refusedConnectionIs502WithAReason() async throws {
        let closed = try ClosedPort()
        let forwarder = Forwarder(configuration: ForwardConfiguration(upstream: "http://127.0.0.1:\(closed.port)"))
        let outcome = try await forwarder.forward(exchange(headers: [HeaderField("Host", "h")], body: Array("x".utf8)))
        await forwarder.shutdown()
        #expect(outcome.answer.status == 502)
        #expect(outcome.answer.source == .error)
        #expect(String(decoding: outcome.answer.body, as: UTF8.self).contains("cannot reach the upstream"))
        #expect(outcome.upstream.status == nil)
        #expect(outcome.upstream.error?.contains("refused") == true)
        withExtendedLifetime(closed) {}
    }

    @Test func silentUpstreamIs504AfterTheTimeout() async throws {
        let silent = try await RawTCPServer(.silent)
        let forwarder = Forwarder(configuration: ForwardConfiguration(upstream: silent.url, timeoutMilliseconds: 300))
        let outcome = try await forwarder.forward(exchange(headers: [HeaderField("Host", "h")], body: Array("x".utf8)))
        await forwarder.shutdown()
        #expect(outcome.answer.status == 504)
        #expect(String(decoding: outcome.answer.body, as: UTF8.self).contains("did not answer within 300 ms"))
        #expect(outcome.upstream.durationMilliseconds >= 300)
        await silent.stop()
    }

    @Test func garbageFromUpstreamIs502() async throws {
        let garbage = try await RawTCPServer(.reply(Array("SSH-2.0-OpenSSH_9.2\r\n\r\n".utf8)))
        let forwarder = Forwarder(configuration: ForwardConfiguration(upstream: garbage.url))
        let outcome = try await forwarder.forward(exchange(headers: [HeaderField("Host", "h")], body: Array("x".utf8)))
        await forwarder.shutdown()
        #expect(outcome.answer.status == 502)
        #expect(outcome.upstream.error != nil)
        await garbage.stop()
    }

    @Test func anUpstreamThatClosesMidBodyIs502() async throws {
        let cut = try await RawTCPServer(.reply(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part of it".utf8)))
        let forwarder = Forwarder(configuration: ForwardConfiguration(upstream: cut.url))
        let outcome = try await forwarder.forward(exchange(headers: [HeaderField("Host", "h")], body: Array("x".utf8)))
        await forwarder.shutdown()
        #expect(outcome.answer.status == 502)
        #expect(outcome.upstream.error != nil)
        await cut.stop()
    }

    @Test func aRequestCarryingOurViaIsALoopAndIsNotSent() async throws {
        let upstream = try await TestServer()
        let forwarder = Forwarder(configuration: ForwardConfiguration(upstream: upstream.url))
        let looped = exchange(headers: [HeaderField("Host", "h"), HeaderField("Via", "1.1 other, \(forwarder.configuration.via)")], body: [])
        let outcome = try await forwarder.forward(looped)
        await forwarder.shutdown()
        #expect(outcome.answer.status == 508)
        #expect(outcome.upstream.error?.contains("loop") == true)
        #expect(upstream.completed.items.withLock { $0.isEmpty })
        await upstream.stop()
    }
}

import HookscopeCore
import HookscopeServer
import Testing

/// An upstream that sends its answer a few bytes at a time: `--forward-timeout` bounds the
/// whole answer, body included, not only the wait for its head.
extension ForwardingTests {
    static func trickling(_ body: [UInt8], bytes: Int) -> RawTCPServer.Behaviour {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: \(body.count)\r\n\r\n"
        return .trickle(head: Array(head.utf8), body: body, bytes: bytes, intervalMilliseconds: 100)
    }

    @Test func aTricklingUpstreamThatFinishesInTimeIsRelayedInFull() async throws {
        let body = randomBytes(30)
        let upstream = try await RawTCPServer(Self.trickling(body, bytes: 5))
        let hookscope = try await front(to: upstream.url, timeout: 20_000)
        let answer = try await send(hookscope.port, "POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}")
        #expect(answer.status == 200)
        #expect(answer.body == body)
        let recorded = try await hookscope.completedExchanges(1)[0]
        #expect(recorded.response?.source == .forward)
        #expect(recorded.upstream?.body == body)
        await stop(hookscope)
        await upstream.stop()
    }

    @Test func anUpstreamStillTricklingAtTheTimeoutIs504AndHookscopeKeepsServing() async throws {
        // 4 bytes every 100 ms for 4 000 bytes: 100 s, far past the 500 ms timeout.
        let upstream = try await RawTCPServer(Self.trickling(randomBytes(4_000), bytes: 4))
        let plan = ResponsePlan(rules: [try AnswerSpecParser.parseRule("/direct -> 204")])
        let hookscope = try await front(to: upstream.url, plan: plan, timeout: 500)
        let answer = try await send(hookscope.port, "POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}")
        #expect(answer.status == 504)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("--forward-timeout"))
        let recorded = try await hookscope.completedExchanges(1)[0]
        #expect(recorded.response?.status == 504)
        #expect(recorded.response?.source == .error)
        #expect(recorded.upstream?.status == nil)
        #expect(recorded.upstream?.error?.contains("500 ms") == true)

        let next = try await send(hookscope.port, "POST /direct HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
        #expect(next.status == 204)
        #expect(try await hookscope.completedExchanges(2).map { $0.response?.status } == [504, 204])
        await stop(hookscope)
        await upstream.stop()
    }

    /// Review L14: a forward still waiting for its app when stop's grace runs out is closed
    /// by hookscope, and recorded so (`shutdown`), not as the sender's hang-up.
    @Test func aForwardThatOutlastsTheShutdownGraceIsRecordedAsShutdown() async throws {
        let upstream = try await RawTCPServer(.silent)
        let hookscope = try await front(to: upstream.url, timeout: 60_000)
        let client = try RawHTTPClient(port: hookscope.port, timeoutSeconds: 30)
        try client.send("POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}")
        _ = try await Poll.untilTrue { hookscope.store.snapshot().count == 1 }
        await stop(hookscope)   // returns after the grace, having closed the connection
        #expect(client.ending() == .closed)
        let recorded = try await hookscope.completedExchanges(1)[0]
        #expect(recorded.response?.status == nil)
        #expect(recorded.response?.source == .shutdown)
        await upstream.stop()
    }
}

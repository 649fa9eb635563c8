import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

/// `--forward` end to end over real sockets: a sender, hookscope in front, and a real
/// upstream (another capture server standing in for the user's app, or a misbehaving one).
@Suite(.offThePool) struct ForwardingTests {
    static let appAnswer = ResponsePlan(
        status: 202, headers: [HeaderField("X-App", "yes"), HeaderField("Set-Cookie", "a=1"), HeaderField("Set-Cookie", "b=2")], body: "queued"
    )

    func front(to upstream: String, plan: ResponsePlan = ResponsePlan(), timeout: Int = 30_000, always: Bool = false) async throws -> TestServer {
        try await TestServer(plan: plan, forwarder: Forwarder(configuration: ForwardConfiguration(
            upstream: upstream, timeoutMilliseconds: timeout, alwaysCallUpstream: always
        )))
    }

    /// Sends requests on one connection and reads their answers on a thread of its own: the
    /// client blocks, and must not hold the threads the forwarder's tasks run on.
    func send(_ port: Int, _ requests: [[UInt8]], isHEAD: Bool = false) async throws -> [RawHTTPClient.Response] {
        try await withCheckedThrowingContinuation { continuation in
            // A thread of its own, not Dispatch's: on Linux Swift's task pool runs on
            // Dispatch's threads, and a blocked one would hold up the forwarder's tasks.
            Thread {
                continuation.resume(with: Result {
                    let client = try RawHTTPClient(port: port)
                    return try requests.map { request in
                        try client.send(request)
                        return try client.readResponse(isHEAD: isHEAD)
                    }
                })
            }.start()
        }
    }

    func send(_ port: Int, _ request: String) async throws -> RawHTTPClient.Response {
        try await send(port, [Array(request.utf8)])[0]
    }

    func stop(_ servers: TestServer...) async {
        for server in servers { await server.stop() }
    }

    @Test func binaryBodyAndDuplicateHeadersArriveIdenticallyAndTheAnswerIsRelayed() async throws {
        let app = try await TestServer(plan: Self.appAnswer)
        let hookscope = try await front(to: app.url)
        let body = randomBytes(20_000)
        let head = "POST /hooks/gp?x=1&y=%20 HTTP/1.1\r\nHost: public.example\r\nX-Dup: 1\r\nx-dup: 2\r\nX-GitProductivity-Signature: sha256=00\r\nContent-Length: \(body.count)\r\n\r\n"
        let answer = try await send(hookscope.port, [Array(head.utf8) + body])[0]
        #expect(answer.status == 202)
        #expect(answer.body == Array("queued".utf8))
        #expect(answer.headers.filter { $0.0 == "Set-Cookie" }.map(\.1) == ["a=1", "b=2"])
        #expect(answer.header("Via")?.hasPrefix("1.1 hookscope-") == true)

        let arrived = try await app.completedExchanges(1)[0]
        #expect(arrived.method == "POST")
        #expect(arrived.target == "/hooks/gp?x=1&y=%20")
        #expect(arrived.body == body)
        #expect(arrived.headers == [
            HeaderField("Host", "public.example"), HeaderField("X-Dup", "1"), HeaderField("x-dup", "2"),
            HeaderField("X-GitProductivity-Signature", "sha256=00"),
            HeaderField("Via", hookscope.server.forwarder!.configuration.via), HeaderField("Content-Length", String(body.count)),
        ])

        let recorded = try await hookscope.completedExchanges(1)[0]
        #expect(recorded.response?.status == 202)
        #expect(recorded.response?.source == .forward)
        #expect(recorded.upstream?.status == 202)
        #expect(recorded.upstream?.body == Array("queued".utf8))
        #expect(recorded.upstream?.url == "\(app.url)/hooks/gp?x=1&y=%20")
        await stop(hookscope, app)
    }

    @Test func chunkedBodyIsForwardedExactly() async throws {
        let app = try await TestServer(plan: Self.appAnswer)
        let hookscope = try await front(to: app.url)
        let parts = [randomBytes(100), randomBytes(3000), Array("end\r\n".utf8)]
        var wire = Array("POST /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for part in parts { wire += Array(String(part.count, radix: 16).utf8) + [13, 10] + part + [13, 10] }
        wire += Array("0\r\n\r\n".utf8)
        #expect(try await send(hookscope.port, [wire])[0].status == 202)
        let arrived = try await app.completedExchanges(1)[0]
        #expect(arrived.body == parts.flatMap { $0 })
        #expect(arrived.headers.first(named: "Transfer-Encoding")?.lowercased() == "chunked")
        await stop(hookscope, app)
    }

    @Test func aHEADAnswerKeepsTheAppsContentLength() async throws {
        let app = try await TestServer(plan: Self.appAnswer)
        let hookscope = try await front(to: app.url)
        let answer = try await send(hookscope.port, [Array("HEAD /h HTTP/1.1\r\nHost: h\r\n\r\n".utf8)], isHEAD: true)[0]
        #expect(answer.status == 202)
        #expect(answer.header("Content-Length") == "6")
        #expect(try await app.completedExchanges(1)[0].method == "HEAD")
        await stop(hookscope, app)
    }

    @Test func refusedUpstreamIs502AndTheExchangeSaysWhy() async throws {
        let closed = try ClosedPort()
        let hookscope = try await front(to: "http://127.0.0.1:\(closed.port)")
        let answer = try await send(hookscope.port, "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}")
        #expect(answer.status == 502)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("connection refused"))
        let recorded = try await hookscope.completedExchanges(1)[0]
        #expect(recorded.response?.source == .error)
        #expect(recorded.response?.status == 502)
        #expect(recorded.upstream?.status == nil)
        #expect(recorded.upstream?.error?.contains("refused") == true)
        await stop(hookscope)
        withExtendedLifetime(closed) {}
    }

    @Test func silentUpstreamIs504AfterTheForwardTimeout() async throws {
        let silent = try await RawTCPServer(.silent)
        let hookscope = try await front(to: silent.url, timeout: 400)
        let answer = try await send(hookscope.port, "GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(answer.status == 504)
        let recorded = try await hookscope.completedExchanges(1)[0]
        #expect(recorded.upstream?.error?.contains("400 ms") == true)
        #expect((recorded.upstream?.durationMilliseconds ?? 0) >= 400)
        await stop(hookscope)
        await silent.stop()
    }

    @Test func garbageFromUpstreamIs502() async throws {
        let garbage = try await RawTCPServer(.reply(Array("\u{0}\u{1}not http at all\r\n\r\n".utf8)))
        let hookscope = try await front(to: garbage.url)
        #expect(try await send(hookscope.port, "GET /g HTTP/1.1\r\nHost: h\r\n\r\n").status == 502)
        #expect(try await hookscope.completedExchanges(1)[0].upstream?.error != nil)
        await stop(hookscope)
        await garbage.stop()
    }

    @Test func forwardingToItselfIsStoppedAsALoop() async throws {
        // Two servers sharing one Via entry stand for one hookscope whose --forward leads
        // back to itself: the request comes back carrying its own entry.
        let via = ForwardConfiguration.makeVia()
        let app = try await TestServer()
        let first = try await TestServer(forwarder: Forwarder(configuration: ForwardConfiguration(upstream: app.url, via: via)))
        let second = try await TestServer(forwarder: Forwarder(configuration: ForwardConfiguration(upstream: first.url, via: via)))
        let answer = try await send(second.port, "GET /loop HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(answer.status == 508)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("forwarding loop"))
        #expect(app.completed.items.withLock { $0.isEmpty })
        await stop(second, first, app)
    }

    @Test func aRuleStillWinsAndTheAppIsNotCalled() async throws {
        let app = try await TestServer(plan: Self.appAnswer)
        let plan = ResponsePlan(rules: [try AnswerSpecParser.parseRule("/override -> 503")])
        let hookscope = try await front(to: app.url, plan: plan)
        let answers = try await send(hookscope.port, [
            Array("POST /override HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx".utf8),
            Array("POST /other HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\ny".utf8),
        ])
        #expect(answers.map(\.status) == [503, 202])
        let recorded = try await hookscope.completedExchanges(2)
        #expect(recorded.map { $0.response?.source } == [.rule, .forward])
        #expect(recorded[0].upstream == nil)
        #expect(try await app.completedExchanges(1).map(\.path) == ["/other"])
        await stop(hookscope, app)
    }

    @Test func forwardAndOverrideStillCallsTheAppAndRecordsWhatItSaid() async throws {
        let app = try await TestServer(plan: Self.appAnswer)
        let plan = ResponsePlan(rules: [try AnswerSpecParser.parseRule("/override -> 503")])
        let hookscope = try await front(to: app.url, plan: plan, always: true)
        #expect(try await send(hookscope.port, "POST /override HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx").status == 503)
        #expect(try await app.completedExchanges(1)[0].path == "/override")
        let id = try await hookscope.completedExchanges(1)[0].id
        // The app's answer is attached to the stored exchange when it arrives.
        let deadline = Date().addingTimeInterval(10)
        var stored = hookscope.store.exchange(id: id)
        while stored?.upstream == nil, Date() < deadline {
            try await Task.sleep(nanoseconds: 10_000_000)
            stored = hookscope.store.exchange(id: id)
        }
        #expect(stored?.response?.status == 503)
        #expect(stored?.response?.source == .rule)
        #expect(stored?.upstream?.status == 202)
        await stop(hookscope, app)
    }
}

extension ForwardingTests {
    @Test func anUndecidedInterceptedRequestGetsTheAppsAnswer() async throws {
        let app = try await TestServer(plan: ResponsePlan(status: 201, body: "from the app"))
        let hookscope = try await TestServer(
            interceptor: InterceptController(enabled: true, timeoutMilliseconds: 200),
            forwarder: Forwarder(configuration: ForwardConfiguration(upstream: app.url))
        )
        let answer = try await send(hookscope.port, "POST /late HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        #expect(answer.status == 201)
        #expect(answer.body == Array("from the app".utf8))
        #expect(try await hookscope.completedExchanges(1)[0].response?.source == .forward)
        await stop(hookscope, app)
    }

    /// Issue #12 point 11: a request held by intercept and sent on by the user (`a` →
    /// forward) goes along the route it matches, even past a rule, and the sender gets the
    /// app's answer; one that matches no route gets the plan's answer.
    @Test func aHeldRequestTheUserForwardsGetsTheAppsAnswer() async throws {
        let app = try await TestServer(plan: Self.appAnswer)
        let interceptor = InterceptController(enabled: true)
        let routes = try ForwardRoutes([ForwardRoute.parse("/hooks/** -> \(app.url)")])
        let plan = ResponsePlan(rules: [ResponseRule(pathGlob: "/hooks/**", answers: [AnswerSpec(status: 503)])])
        let hookscope = try await TestServer(plan: plan, interceptor: interceptor, forwarder: Forwarder(configuration: ForwardConfiguration(routes: routes)))
        async let forwarded = send(hookscope.port, "POST /hooks/held HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        // Bounds of a minute, not 10 s: in a full run on two cores other suites hold Swift's
        // task pool for seconds at a time, and the `async let` sender and the forwarder's
        // tasks both need it (this test failed by timing in two loaded full runs, never alone).
        _ = try await Poll.untilTrue(timeout: 60) { interceptor.waiting.count == 1 }
        #expect(interceptor.decide(id: interceptor.waiting[0].id, .forward))
        let answer = try await forwarded
        #expect(answer.status == 202)
        #expect(answer.body == Array("queued".utf8))
        #expect(try await app.completedExchanges(1, timeout: 60)[0].body == Array("hi".utf8))
        let held = try await hookscope.completedExchanges(1, timeout: 60)[0]
        #expect(held.response?.source == .forward)
        #expect(held.upstream?.route == "/hooks/**")

        async let unrouted = send(hookscope.port, "POST /elsewhere HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        _ = try await Poll.untilTrue(timeout: 60) { interceptor.waiting.count == 1 }
        #expect(interceptor.decideAll(.forward) == 1)
        #expect(try await unrouted.status == 200)
        await stop(hookscope, app)
    }
}

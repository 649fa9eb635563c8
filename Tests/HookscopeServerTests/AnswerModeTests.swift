import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

/// Each way of answering, observed from the sender's side of a real socket.
@Suite(.offThePool) struct AnswerModeTests {
    func plan(_ spec: String) throws -> ResponsePlan {
        let answers = try AnswerSpecParser.parseSequence(spec)
        return answers.count == 1 ? ResponsePlan(defaultAnswer: answers[0]) : ResponsePlan(sequence: answers)
    }

    func post(_ port: Int, _ path: String = "/", timeout: Int = 10) throws -> RawHTTPClient.Response {
        let client = try RawHTTPClient(port: port, timeoutSeconds: timeout)
        try client.send("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        return try client.readResponse()
    }

    @Test func sequenceIsFollowedThenItsLastAnswerRepeats() async throws {
        let server = try await TestServer(plan: try plan("500x2,503,200"))
        let statuses = try (0..<6).map { _ in try post(server.port).status }
        #expect(statuses == [500, 500, 503, 200, 200, 200])
        let done = try server.waitForCompleted(6)
        #expect(done.map { $0.response?.status } == [500, 500, 503, 200, 200, 200])
        #expect(done.allSatisfy { $0.response?.source == .sequence })
        await server.stop()
    }

    @Test func retryAfterHeaderIsSent() async throws {
        let server = try await TestServer(plan: try plan("429/retry-after=30"))
        let response = try post(server.port)
        #expect(response.status == 429)
        #expect(response.header("Retry-After") == "30")
        await server.stop()
    }

    @Test func delayedAnswerArrivesNoSoonerThanTheDelay() async throws {
        let server = try await TestServer(plan: try plan("202/delay=400"))
        let start = Date()
        let response = try post(server.port)
        let waited = Date().timeIntervalSince(start)
        #expect(response.status == 202)
        #expect(waited >= 0.4)
        let stored = try server.waitForCompleted(1)[0]
        #expect((stored.response?.durationMilliseconds ?? 0) >= 400)
        await server.stop()
    }

    @Test func hangNeverAnswersAndRecordsHowLongTheSenderWaited() async throws {
        let server = try await TestServer(plan: try plan("hang"))
        let client = try RawHTTPClient(port: server.port, timeoutSeconds: 1)
        try client.send("POST /h HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        // The client's own timeout fires: no answer ever came.
        #expect(throws: RawHTTPClient.Failure.self) { try client.readResponse() }
        // Pending in the store while the sender waits.
        #expect(server.store.snapshot().first?.response == nil)
        _ = consume client // the sender gives up and hangs up
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.response?.status == nil)
        #expect(stored.response?.source == .disconnected)
        // The server's clock starts when the last byte arrives, a moment after the client
        // started its 1 s timeout, so it can record a hair under 1000 ms (seen: 999.9).
        #expect((stored.response?.durationMilliseconds ?? 0) >= 900)
        await server.stop()
    }

    @Test func aSenderThatHangsUpDuringADelayIsRecordedAsDisconnected() async throws {
        // An hour: in a loaded full run this test can wait a minute for a thread before the
        // sender hangs up, and a shorter delay would then end first and answer 202.
        let server = try await TestServer(plan: try plan("202/delay=3600000"))
        var client: RawHTTPClient? = try RawHTTPClient(port: server.port)
        try client?.send("POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        _ = try await Poll.untilTrue { server.store.snapshot().count == 1 }
        client = nil // the sender gives up before the delay is over
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.response?.status == nil)
        #expect(stored.response?.source == .disconnected)
        await server.stop()
    }

    @Test func closeEndsTheConnectionWithoutAnAnswer() async throws {
        let server = try await TestServer(plan: try plan("close"))
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        #expect(client.ending() == .closed)
        #expect(try server.waitForCompleted(1)[0].response?.status == nil)
        await server.stop()
    }

    @Test func resetSendsRST() async throws {
        let server = try await TestServer(plan: try plan("reset"))
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /r HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        #expect(client.ending() == .reset)
        #expect(try server.waitForCompleted(1)[0].response?.status == nil)
        await server.stop()
    }

    @Test func trickledBodyArrivesWholeButSlowly() async throws {
        var p = try plan("200/trickle=4:50")
        p.defaultAnswer.body = "0123456789abcdef" // 16 bytes: 4 chunks, 3 pauses
        let server = try await TestServer(plan: p)
        let start = Date()
        let response = try post(server.port)
        #expect(response.body == Array("0123456789abcdef".utf8))
        #expect(Date().timeIntervalSince(start) >= 0.15)
        await server.stop()
    }

    /// Was recorded twice (once when the head went out, again at the hang-up): two save
    /// lines for one delivery. Now once, when the answer ends: as `disconnected`, with the
    /// status and the bytes that went out before the sender left.
    @Test func aSenderThatHangsUpMidTrickleIsRecordedOnceAsDisconnected() async throws {
        var p = try plan("200/trickle=1:100")
        p.defaultAnswer.body = "0123456789" // 10 bytes, one every 100 ms
        let server = try await TestServer(plan: p)
        var leaving: RawHTTPClient? = try RawHTTPClient(port: server.port)
        try leaving?.send("POST /left HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        #expect(try leaving?.readHead().status == 200)
        // Pending while the body trickles: the answer is not over yet.
        #expect(server.store.snapshot().first?.response == nil)
        leaving = nil // hangs up mid-trickle
        let left = try server.waitForCompleted(1)[0]
        #expect(left.target == "/left")
        #expect(left.response?.source == .disconnected)
        #expect(left.response?.status == 200)
        #expect((left.response?.body.count ?? 99) < 10)
        // A second delivery that stays to the end is the second (and last) completion.
        let stayed = try post(server.port, "/stayed")
        #expect(stayed.body == Array("0123456789".utf8))
        let all = try server.waitForCompleted(2)
        #expect(all.map(\.target) == ["/left", "/stayed"])
        #expect(all[1].response?.source == .default)
        #expect(server.completed.items.withLock { $0.count } == 2)
        #expect(all[1].response?.body == Array("0123456789".utf8))
        await server.stop()
    }

    @Test func firstMatchingRuleWinsOverTheDefault() async throws {
        var p = ResponsePlan(status: 200)
        p.rules = [
            try AnswerSpecParser.parseRule("provider=teamwork -> 500"),
            try AnswerSpecParser.parseRule("POST /special/** -> 418"),
            try AnswerSpecParser.parseRule("/special/** -> 401"),
        ]
        let server = try await TestServer(plan: p, analyzer: { exchange in
            ExchangeAnalysis(provider: exchange.headers.first(named: "Event") != nil ? "teamwork" : nil)
        })
        let teamwork = try RawHTTPClient(port: server.port)
        try teamwork.send("POST /special/x HTTP/1.1\r\nHost: x\r\nEvent: deals.created\r\nContent-Length: 0\r\n\r\n")
        #expect(try teamwork.readResponse().status == 500)
        #expect(try post(server.port, "/special/a/b").status == 418)
        let get = try RawHTTPClient(port: server.port)
        try get.send("GET /special/y HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try get.readResponse().status == 401)
        #expect(try post(server.port, "/other").status == 200)
        let sources = try server.waitForCompleted(4).map { $0.response?.source }
        #expect(sources == [.rule, .rule, .rule, .default])
        await server.stop()
    }

    @Test func aPlanReplacedLiveTakesEffectForTheNextRequest() async throws {
        let server = try await TestServer()
        #expect(try post(server.port).status == 200)
        server.server.plan.replace(with: ResponsePlan(status: 503))
        #expect(try post(server.port).status == 503)
        await server.stop()
    }

    @Test func stopDoesNotWaitForeverForAHangingAnswer() async throws {
        let server = try await TestServer(plan: try plan("hang"))
        let client = try RawHTTPClient(port: server.port, timeoutSeconds: 30)
        try client.send("POST /h HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        _ = try await Poll.untilTrue { server.store.snapshot().count == 1 }
        await server.stop() // returns after the grace period, closing the connection
        #expect(client.ending() == .closed)
        let recorded = try server.waitForCompleted(1)[0].response
        #expect(recorded?.status == nil)
        // hookscope closed it, not the sender (review L14).
        #expect(recorded?.source == .shutdown)
    }
}

enum Poll {
    static func untilTrue(timeout: TimeInterval = 10, _ check: () -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !check() {
            if Date() > deadline { throw RawHTTPClient.Failure(description: "condition not met within \(timeout) s") }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    /// The same for async tests, sleeping without holding a thread of Swift's task pool: it
    /// has as many threads as cores (two here), and a poll that blocks one while another
    /// test blocks the other keeps an `async let` sender from ever starting (seen as a
    /// 10 s timeout in full runs only).
    static func untilTrue(timeout: TimeInterval = 10, _ check: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !check() {
            if Date() > deadline { throw RawHTTPClient.Failure(description: "condition not met within \(timeout) s") }
            try await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}

@Suite(.offThePool) struct RetryNumberingThroughTheServerTests {
    @Test func aRetriedDeliveryIsNumbered() async throws {
        let server = try await TestServer(analyzer: { exchange in
            ExchangeAnalysis(provider: "teamwork", deliveryID: exchange.headers.first(named: "Delivery"))
        })
        for delivery in ["d-1", "d-1", "d-2", "d-1"] {
            let client = try RawHTTPClient(port: server.port)
            try client.send("POST /tw HTTP/1.1\r\nHost: x\r\nDelivery: \(delivery)\r\nContent-Length: 2\r\n\r\n{}")
            _ = try client.readResponse()
        }
        let done = try server.waitForCompleted(4)
        #expect(done.map(\.analysis.attempt) == [1, 2, 1, 3])
        #expect(done.map(\.analysis.deliveryID) == ["d-1", "d-1", "d-2", "d-1"])
        await server.stop()
    }
}

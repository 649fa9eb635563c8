import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

@Suite(.offThePool) struct InterceptTests {
    func send(_ client: RawHTTPClient, _ path: String) throws {
        try client.send("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
    }

    func waitUntilWaiting(_ interceptor: InterceptController, count: Int) throws {
        _ = try Poll.untilTrue { interceptor.waiting.count == count }
    }

    @Test func theUsersAnswerIsWhatTheSenderGets() async throws {
        let interceptor = InterceptController(enabled: true)
        let server = try await TestServer(interceptor: interceptor)
        let client = try RawHTTPClient(port: server.port)
        try send(client, "/held")
        try waitUntilWaiting(interceptor, count: 1)
        let waiting = interceptor.waiting[0]
        #expect(server.store.exchange(id: waiting.id)?.response == nil)
        #expect(waiting.deadline.nanosecondsSinceEpoch - waiting.since.nanosecondsSinceEpoch == 25_000_000_000)
        #expect(interceptor.decide(id: waiting.id, .answer(AnswerSpec(status: 418, body: "teapot"))))
        let response = try client.readResponse()
        #expect(response.status == 418)
        #expect(response.body == Array("teapot".utf8))
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.response?.source == .intercept)
        #expect(interceptor.waiting.isEmpty)
        #expect(!interceptor.decide(id: waiting.id, .drop))
        await server.stop()
    }

    @Test func answerAllAnswersEveryWaitingRequest() async throws {
        let interceptor = InterceptController(enabled: true)
        let server = try await TestServer(interceptor: interceptor)
        let clients = try (0..<3).map { _ in try RawHTTPClient(port: server.port) }
        for (i, c) in clients.enumerated() { try send(c, "/\(i)") }
        try waitUntilWaiting(interceptor, count: 3)
        #expect(interceptor.decideAll(.answer(AnswerSpec(status: 503))) == 3)
        for c in clients { #expect(try c.readResponse().status == 503) }
        await server.stop()
    }

    @Test func dropClosesWithoutAnAnswer() async throws {
        let interceptor = InterceptController(enabled: true)
        let server = try await TestServer(interceptor: interceptor)
        let client = try RawHTTPClient(port: server.port)
        try send(client, "/drop")
        try waitUntilWaiting(interceptor, count: 1)
        interceptor.decide(id: interceptor.waiting[0].id, .drop)
        #expect(client.ending() == .closed)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.response?.status == nil)
        #expect(stored.response?.source == .intercept)
        await server.stop()
    }

    @Test func timeoutSendsTheDefaultAnswer() async throws {
        let interceptor = InterceptController(enabled: true, timeoutMilliseconds: 300)
        let server = try await TestServer(plan: ResponsePlan(status: 202), interceptor: interceptor)
        let client = try RawHTTPClient(port: server.port)
        let start = Date()
        try send(client, "/slow-human")
        #expect(try client.readResponse().status == 202)
        #expect(Date().timeIntervalSince(start) >= 0.3)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.response?.source == .timeout)
        #expect(interceptor.waiting.isEmpty)
        await server.stop()
    }

    @Test func aSenderThatHangsUpIsRecordedAsSuch() async throws {
        let interceptor = InterceptController(enabled: true)
        let server = try await TestServer(interceptor: interceptor)
        var client: RawHTTPClient? = try RawHTTPClient(port: server.port)
        try send(client!, "/impatient")
        try waitUntilWaiting(interceptor, count: 1)
        client = nil // hang up
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.response?.status == nil)
        #expect(stored.response?.source == .disconnected)
        #expect(interceptor.waiting.isEmpty)
        await server.stop()
    }

    /// `q` in the UI and SIGTERM both stop the server this way: a held request gets the
    /// plan's answer at once, not an empty reply when the shutdown grace runs out.
    @Test func stoppingAnswersHeldRequestsAsPlanned() async throws {
        let interceptor = InterceptController(enabled: true)
        let server = try await TestServer(plan: ResponsePlan(status: 202), interceptor: interceptor)
        let client = try RawHTTPClient(port: server.port)
        try send(client, "/held-at-stop")
        try waitUntilWaiting(interceptor, count: 1)
        // The answer waits in the client's socket while the stop finishes (reading while
        // stopping would block a thread of the pool the stop runs on).
        await server.stop()
        #expect(try client.readResponse().status == 202)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.response?.status == 202)
        #expect(stored.response?.source == .default)
        #expect(interceptor.waiting.isEmpty)
        #expect(!interceptor.isEnabled)
    }

    @Test func turningInterceptOffLetsNewRequestsThrough() async throws {
        let interceptor = InterceptController(enabled: true)
        let server = try await TestServer(interceptor: interceptor)
        let held = try RawHTTPClient(port: server.port)
        try send(held, "/held")
        try waitUntilWaiting(interceptor, count: 1)
        interceptor.setEnabled(false)
        let free = try RawHTTPClient(port: server.port)
        try send(free, "/free")
        #expect(try free.readResponse().status == 200)
        // The one already waiting still waits for a decision.
        #expect(interceptor.waiting.count == 1)
        interceptor.decideAll(.answer(AnswerSpec(status: 204)))
        #expect(try held.readResponse().status == 204)
        await server.stop()
    }

    /// The shared intercept in a listener without a terminal UI (review M2): held only while
    /// a terminal UI attached to the store watches; otherwise the plan answers at once and
    /// the record says why (`unattended`). `setWatched(false)` alone releases nothing: the
    /// listener calls `releaseUnwatched` when its InterceptWatch says the last UI left.
    @Test func aSharedInterceptHoldsOnlyWhileSomeoneWatches() async throws {
        let interceptor = InterceptController(timeoutMilliseconds: 60_000)
        interceptor.setEnabled(true, onlyWhileWatched: true)
        let server = try await TestServer(plan: ResponsePlan(status: 202), interceptor: interceptor)
        #expect(interceptor.admission == .unattended)
        let unwatched = try RawHTTPClient(port: server.port)
        try send(unwatched, "/nobody-watches")
        #expect(try unwatched.readResponse().status == 202)
        #expect(try server.waitForCompleted(1)[0].response?.source == .unattended)
        #expect(interceptor.waiting.isEmpty)

        interceptor.setWatched(true)
        #expect(interceptor.admission == .hold)
        let watched = try RawHTTPClient(port: server.port)
        try send(watched, "/watched")
        try waitUntilWaiting(interceptor, count: 1)
        interceptor.setWatched(false)
        let afterwards = try RawHTTPClient(port: server.port)
        try send(afterwards, "/gone-again")
        #expect(try afterwards.readResponse().status == 202)
        #expect(interceptor.waiting.count == 1, "the held one still waits for its decision")
        #expect(interceptor.decide(id: interceptor.waiting[0].id, .answer(AnswerSpec(status: 503))))
        #expect(try watched.readResponse().status == 503)

        // The listener's own intercept (its terminal UI) does not ask who watches.
        interceptor.setEnabled(true)
        #expect(interceptor.admission == .hold)
        interceptor.setEnabled(false, onlyWhileWatched: true)
        #expect(interceptor.admission == .answer)
        await server.stop()
    }

    /// The last terminal UI left (session 17, B3): what was held for the shared intercept is
    /// answered by the plan at once with source `unattended`, oldest first; what the
    /// listener's own intercept holds (no `onlyWhileWatched`) keeps waiting.
    @Test func releasingUnwatchedAnswersOnlyWhatWasHeldForTheSharedIntercept() async throws {
        let interceptor = InterceptController(timeoutMilliseconds: 60_000)
        let server = try await TestServer(plan: ResponsePlan(status: 202), interceptor: interceptor)
        interceptor.setEnabled(true)
        let own = try RawHTTPClient(port: server.port)
        try send(own, "/own")
        try waitUntilWaiting(interceptor, count: 1)
        #expect(!interceptor.holdsWhileWatched, "only the own intercept's request waits")
        interceptor.setEnabled(true, onlyWhileWatched: true)
        interceptor.setWatched(true)
        let shared = try RawHTTPClient(port: server.port)
        try send(shared, "/shared")
        try waitUntilWaiting(interceptor, count: 2)
        #expect(interceptor.holdsWhileWatched)
        let sharedID = interceptor.waiting[1].id
        interceptor.setWatched(false)
        #expect(interceptor.releaseUnwatched() == [sharedID])
        #expect(!interceptor.holdsWhileWatched, "released: the listener's extra read stops")
        #expect(try shared.readResponse().status == 202)
        let released = try Poll.untilValue { server.store.exchange(id: sharedID)?.response }
        #expect(released.source == .unattended)
        #expect(interceptor.waiting.count == 1, "the own intercept's request still waits")
        #expect(interceptor.releaseUnwatched().isEmpty)
        interceptor.decideAll(.answer(AnswerSpec(status: 204)))
        #expect(try own.readResponse().status == 204)
        await server.stop()
    }
}

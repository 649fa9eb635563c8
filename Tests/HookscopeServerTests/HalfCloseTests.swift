import Foundation
import HookscopeCore
@testable import HookscopeServer
import Testing
import TestSupport

/// A sender that ends its side of the connection right after its request
/// (`shutdown(SHUT_WR)`) still waits for the answer, and gets it, however late it comes;
/// then the server closes (CaptureHandler+HalfClose.swift). Real sockets on 127.0.0.1.
@Suite(.offThePool) struct HalfCloseTests {
    static let request = "POST /half HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"

    /// (a) The plan's answer, at once.
    @Test func aPlainAnswerReachesASenderThatEndedItsSide() async throws {
        let server = try await TestServer(plan: ResponsePlan(status: 201))
        let client = try RawHTTPClient(port: server.port)
        try client.send(Self.request)
        try client.finishSending()
        #expect(try client.readResponse().status == 201)
        #expect(client.ending() == .closed)
        #expect(try server.waitForCompleted(1).map { $0.response?.status } == [201])
        await server.stop()
    }

    /// An answer larger than the sockets' buffers, so that most of it still waits in NIO
    /// when the end of stream is read, to a sender that reads only after that: before
    /// half-closure was allowed NIO closed the channel at the end of stream and dropped
    /// what was still queued (the sender got the first few megabytes, then the close).
    @Test func aLargeAnswerStillQueuedAtTheEndOfStreamArrivesWhole() async throws {
        let body = String(repeating: "0123456789abcdef", count: 2 * 1024 * 1024)   // 32 MiB
        let server = try await TestServer(plan: ResponsePlan(status: 200, body: body))
        let client = try RawHTTPClient(port: server.port)
        try client.send(Self.request)
        try client.finishSending()
        _ = try server.waitForCompleted(1)
        // The answer is written (recorded first, then written) and the end of stream read:
        // two turns of the only event loop after the answer was recorded.
        for _ in 0..<2 { try await server.server.group.next().submit {}.get() }
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.body.count == body.utf8.count)
        #expect(response.body == Array(body.utf8))
        #expect(client.ending() == .closed)
        await server.stop()
    }

    /// (b) An answer that comes later: held by intercept until the user decides, which is
    /// after the server has read the end of stream. UNFINISHED (CaptureHandler+HalfClose.swift):
    /// the end of stream is still taken as the sender's hang-up, since a full close looks
    /// the same; a known issue until the two are told apart (then this fails, as a known
    /// issue that no longer happens, and `withKnownIssue` comes off).
    @Test func anInterceptedAnswerDecidedAfterTheEndOfStreamArrives() async throws {
        let interceptor = InterceptController(enabled: true)
        let server = try await TestServer(interceptor: interceptor)
        let client = try RawHTTPClient(port: server.port, timeoutSeconds: 3)
        try client.send(Self.request)
        try client.finishSending()
        withKnownIssue("a later answer to a half-closed sender is lost (issue 18 review M1 b)") {
            // Today the request is held and then dropped at the end of stream, or dropped
            // before this sees it held: either fails here or below.
            _ = try Poll.untilTrue(timeout: 3) { interceptor.waiting.count == 1 }
            // The end of stream was in the socket before the request was read; two turns of
            // the server's only event loop later it has been read too (NIO reads it in a
            // readable event of its own, at the latest in the turn after the request's).
            for _ in 0..<2 { try server.server.group.next().submit {}.wait() }
            let waiting = try #require(interceptor.waiting.first, "the held request was dropped at the sender's end of stream")
            #expect(interceptor.decide(id: waiting.id, .answer(AnswerSpec(status: 418, body: "teapot"))))
            let response = try client.readResponse()
            #expect(response.status == 418)
            #expect(response.body == Array("teapot".utf8))
            #expect(client.ending() == .closed)
            let stored = try server.waitForCompleted(1)[0]
            #expect(stored.response?.status == 418)
            #expect(stored.response?.source == .intercept)
        }
        await server.stop()
    }

    /// (c) A sender that ends its side without sending anything: closed at once, not left
    /// open until the idle deadline (the receive times out after 10 s: `.stillOpen`).
    @Test func anEndOfStreamWithoutARequestClosesTheConnection() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.finishSending()
        #expect(client.ending() == .closed)
        #expect(server.store.statistics.captured == 0)
        await server.stop()
    }

    /// After answered keep-alive requests, the end of stream closes the connection too.
    @Test func anEndOfStreamAfterAnsweredRequestsClosesTheConnection() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send(Self.request)
        #expect(try client.readResponse().status == 200)
        try client.finishSending()
        #expect(client.ending() == .closed)
        await server.stop()
    }
}

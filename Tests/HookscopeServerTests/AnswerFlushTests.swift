import Dispatch
import Foundation
import HookscopeCore
@testable import HookscopeServer
import NIOCore
import Testing
import TestSupport

/// Keep-alive answers are flushed at the end of the event loop's tick
/// (CaptureHandler+Flush.swift). A sender that ends its side of the connection right after
/// its request makes NIO close the channel in the same tick, outside the pipeline, which
/// drops writes not yet flushed: these check that such a sender still gets every byte of
/// every answer. The event loop is held while the sender writes, so the request and the end
/// of stream are read in one tick, as a busy server reads them.
@Suite(.offThePool) struct AnswerFlushTests {
    /// One keep-alive request answered first (so the connection is accepted and
    /// registered), then `requests` sent with the sending side ended while the server's
    /// only event loop is held; returns the answers read after it goes on.
    private func answersAfterEndOfStream(_ requests: [String], plan: ResponsePlan = ResponsePlan()) async throws -> (answers: [RawHTTPClient.Response], ending: RawHTTPClient.Ending, stored: [Exchange]) {
        let server = try await TestServer(plan: plan)
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok")
        #expect(try client.readResponse().status == plan.defaultAnswer.status)
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        server.server.group.next().execute {
            held.signal()
            release.wait()
        }
        #expect(held.wait(timeout: .now() + 10) == .success, "the event loop did not run the holding task")
        for request in requests { try client.send(request) }
        try client.finishSending()
        release.signal()
        var answers: [RawHTTPClient.Response] = []
        for _ in requests { answers.append(try client.readResponse()) }
        let ending = client.ending()
        let stored = try server.waitForCompleted(1 + requests.count)
        await server.stop()
        return (answers, ending, stored)
    }

    private static func post(_ path: String, bodyBytes: Int) -> String {
        "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(bodyBytes)\r\n\r\n" + String(repeating: "a", count: bodyBytes)
    }

    /// A small request: read whole by one read that does not fill NIO's buffer; the end of
    /// stream comes in a read loop of its own.
    @Test func aSmallRequestFollowedByEndOfStreamGetsItsWholeAnswer() async throws {
        let result = try await answersAfterEndOfStream([Self.post("/small", bodyBytes: 1024)])
        #expect(result.answers.map(\.status) == [200])
        #expect(String(decoding: result.answers[0].body, as: UTF8.self).hasPrefix("{\"captured\":true"))
        #expect(result.ending == .closed)
        #expect(result.stored.map { $0.response?.status } == [200, 200])
    }

    /// A request of exactly `totalBytes` on the wire, head and body.
    private static func post(_ path: String, totalBytes: Int) -> String {
        var body = totalBytes - post(path, bodyBytes: 0).utf8.count
        body -= post(path, bodyBytes: body).utf8.count - totalBytes // the length's own digits
        let request = post(path, bodyBytes: body)
        precondition(request.utf8.count == totalBytes)
        return request
    }

    /// A request that ends exactly where NIO's read buffers are full (2048 bytes, then 2048
    /// and 4096, as its buffer grows after a full read): the read loop goes on and finds the
    /// end of stream in the same loop as the request's last bytes. Others of any size.
    @Test func aLargeRequestFollowedByEndOfStreamGetsItsWholeAnswer() async throws {
        let requests = [Self.post("/exact", totalBytes: 2048), Self.post("/exact", totalBytes: 2048 + 4096)]
            + [2048 - 60, 8 * 1024, 40 * 1024].map { Self.post("/large", bodyBytes: $0) }
        for request in requests {
            let result = try await answersAfterEndOfStream([request])
            #expect(result.answers.map(\.status) == [200], "a request of \(request.utf8.count) bytes")
            #expect(result.ending == .closed)
            #expect(result.stored.count == 2)
        }
    }

    /// Pipelined requests and then the end of stream, all read in one tick: each answer, in
    /// order, with its own body.
    @Test func pipelinedRequestsFollowedByEndOfStreamGetEveryAnswer() async throws {
        let plan = ResponsePlan(status: 202, headers: [HeaderField("Content-Type", "text/plain")], body: "taken\n")
        let result = try await answersAfterEndOfStream([Self.post("/a", bodyBytes: 10), Self.post("/b", bodyBytes: 3000), Self.post("/c", bodyBytes: 0)], plan: plan)
        #expect(result.answers.map(\.status) == [202, 202, 202])
        #expect(result.answers.map { String(decoding: $0.body, as: UTF8.self) } == ["taken\n", "taken\n", "taken\n"])
        #expect(result.ending == .closed)
        #expect(result.stored.map(\.target) == ["/first", "/a", "/b", "/c"])
    }

    /// Many connections answered in the same ticks: every answer arrives, whole, on its own
    /// connection, and the connections stay open for the next request.
    @Test func answersOfManyConnectionsInOneTickAllArrive() async throws {
        let server = try await TestServer()
        let clients = try (0..<16).map { _ in try RawHTTPClient(port: server.port) }
        for round in 0..<3 {
            for (index, client) in clients.enumerated() { try client.send(Self.post("/c\(index)/r\(round)", bodyBytes: 100 + index)) }
            for client in clients { #expect(try client.readResponse().status == 200) }
        }
        let stored = try server.waitForCompleted(48)
        #expect(Set(stored.map(\.target)).count == 48)
        await server.stop()
    }
}

import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

@Suite(.offThePool) struct CaptureServerTests {
    @Test func binaryBodyArrivesByteForByteThroughCurl() async throws {
        let server = try await TestServer()
        let body = randomBytes(70_000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-body-\(UUID())")
        try Data(body).write(to: file)
        let (output, status) = try Curl.run(["--data-binary", "@\(file.path)", "-H", "Content-Type: application/octet-stream", "\(server.url)/bin?x=1&y=%20z"])
        #expect(status == 0)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.body == body)
        #expect(stored.bodySize == body.count)
        #expect(!stored.bodyTruncated)
        #expect(stored.method == "POST")
        #expect(stored.path == "/bin")
        #expect(stored.query == "x=1&y=%20z")
        #expect(String(decoding: output, as: UTF8.self) == #"{"captured":true,"id":\#(stored.id)}"#)
        await server.stop()
    }

    @Test func invalidUTF8AndEmptyBodiesAreKeptExactly() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        let invalid: [UInt8] = [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x1B, 0x5B, 0x32, 0x4A]
        try client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: \(invalid.count)\r\n\r\n")
        try client.send(invalid)
        #expect(try client.readResponse().status == 200)
        try client.send("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let done = try server.waitForCompleted(2)
        #expect(done[0].body == invalid)
        #expect(done[1].body.isEmpty)
        #expect(done[1].bodySize == 0)
        await server.stop()
    }

    @Test func fiveMebibyteBodyIsKept() async throws {
        let server = try await TestServer()
        let body = randomBytes(5 * 1024 * 1024)
        let (_, status) = try Curl.run(["--data-binary", "@-", "\(server.url)/big"], stdin: Data(body))
        #expect(status == 0)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.body.count == body.count)
        #expect(stored.body == body)
        await server.stop()
    }

    @Test func chunkedBodyIsReassembledExactly() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        let parts: [[UInt8]] = [randomBytes(10), randomBytes(4096), randomBytes(1), Array("tail\r\n".utf8)]
        var wire = Array("POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for part in parts {
            wire += Array(String(part.count, radix: 16).utf8) + [13, 10] + part + [13, 10]
        }
        wire += Array("0\r\n\r\n".utf8)
        try client.send(wire)
        #expect(try client.readResponse().status == 200)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.body == parts.flatMap { $0 })
        #expect(stored.headers.first(named: "transfer-encoding") == "chunked")
        await server.stop()
    }

    @Test func headersKeepOrderCaseAndDuplicates() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /h HTTP/1.1\r\nhost: example\r\nX-B: 2\r\nx-a: 1\r\nX-Dup: one\r\nx-dup: two\r\nX-DUP: three\r\nWeIrD-CaSe: v\r\n\r\n")
        _ = try client.readResponse()
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.headers == [
            HeaderField("host", "example"), HeaderField("X-B", "2"), HeaderField("x-a", "1"),
            HeaderField("X-Dup", "one"), HeaderField("x-dup", "two"), HeaderField("X-DUP", "three"),
            HeaderField("WeIrD-CaSe", "v"),
        ])
        #expect(stored.headers.all(named: "x-dup") == ["one", "two", "three"])
        await server.stop()
    }

    @Test(arguments: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "PURGE", "PROPFIND"])
    func anyRegisteredMethodIsCaptured(method: String) async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("\(method) /m/\(method.lowercased()) HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        let response = try client.readResponse(isHEAD: method == "HEAD")
        #expect(response.status == 200)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.method == method)
        #expect(stored.path == "/m/\(method.lowercased())")
        #expect(stored.body == Array("hi".utf8))
        await server.stop()
    }

    /// NIO's parser (llhttp) knows only the registered methods; an unknown token such as
    /// FROBNICATE is refused with 400 and the connection closed. The server keeps serving.
    @Test func unregisteredMethodIsRefusedAndServerKeepsServing() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("FROBNICATE /x HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 400)
        let next = try RawHTTPClient(port: server.port)
        try next.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try next.readResponse().status == 200)
        await server.stop()
    }

    @Test func pipelinedRequestsAreAllRecordedAndAnsweredInOrder() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        let count = 20
        var wire = ""
        for i in 0..<count {
            let body = "body-\(i)"
            wire += "POST /p/\(i) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        }
        try client.send(wire)
        var answeredIDs: [Int] = []
        for _ in 0..<count {
            let response = try client.readResponse()
            #expect(response.status == 200)
            let text = String(decoding: response.body, as: UTF8.self)
            answeredIDs.append(Int(text.split(separator: ":").last!.dropLast())!)
        }
        let done = try server.waitForCompleted(count)
        #expect(done.map(\.path) == (0..<count).map { "/p/\($0)" })
        #expect(done.map { String(decoding: $0.body, as: UTF8.self) } == (0..<count).map { "body-\($0)" })
        #expect(answeredIDs == done.map(\.id))
        await server.stop()
    }

    @Test func http10IsAnsweredAndClosed() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /old HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.statusLine.hasPrefix("HTTP/1.0 "))
        #expect(client.isClosedByPeer())
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.httpVersion == "HTTP/1.0")
        #expect(stored.body == Array("abc".utf8))
        await server.stop()
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        for i in 0..<5 {
            try client.send("GET /k/\(i) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        #expect(try server.waitForCompleted(5).count == 5)
        await server.stop()
    }

    @Test func configuredAnswerIsSentAndRecorded() async throws {
        let plan = ResponsePlan(status: 503, headers: [HeaderField("Retry-After", "7"), HeaderField("X-Why", "testing")], body: "try later")
        let server = try await TestServer(plan: plan)
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n!")
        let response = try client.readResponse()
        #expect(response.status == 503)
        #expect(response.header("retry-after") == "7")
        #expect(response.header("X-Why") == "testing")
        #expect(response.body == Array("try later".utf8))
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.response?.status == 503)
        #expect(stored.response?.source == .default)
        #expect(stored.response?.body == Array("try later".utf8))
        #expect(stored.response?.headers.first(named: "retry-after") == "7")
        #expect((stored.response?.durationMilliseconds ?? -1) >= 0)
        #expect(server.store.exchange(id: stored.id)?.response?.status == 503)
        await server.stop()
    }

    @Test func remoteAddressAndReceiveTimeAreRecorded() async throws {
        let before = Timestamp.now()
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try client.readResponse()
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.remote.hasPrefix("127.0.0.1:"))
        #expect(stored.receivedAt >= before)
        #expect(stored.receivedAt <= Timestamp.now())
        await server.stop()
    }
}

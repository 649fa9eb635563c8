import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

@Suite(.offThePool) struct BodyLimitTests {
    @Test func declaredOversizedBodyGets413AndIsStoredTruncated() async throws {
        let server = try await TestServer(maxBody: 1000)
        let client = try RawHTTPClient(port: server.port)
        let body = randomBytes(3000)
        try client.send("POST /too-big HTTP/1.1\r\nHost: x\r\nContent-Length: 3000\r\n\r\n")
        try client.send(body)
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.header("connection") == "close")
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.bodyTruncated)
        #expect(stored.body == Array(body.prefix(1000)))
        #expect(stored.bodySize == 3000)
        #expect(stored.response?.status == 413)
        #expect(stored.response?.source == .error)
        #expect(server.store.exchange(id: stored.id)?.bodyTruncated == true)
        await server.stop()
    }

    @Test func chunkedOversizedBodyGets413AndIsStoredTruncated() async throws {
        let server = try await TestServer(maxBody: 1000)
        let client = try RawHTTPClient(port: server.port)
        let body = randomBytes(2500)
        var wire = Array("POST /chunky HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for start in stride(from: 0, to: body.count, by: 500) {
            wire += Array("1f4\r\n".utf8) + body[start..<(start + 500)] + [13, 10]
        }
        wire += Array("0\r\n\r\n".utf8)
        try client.send(wire)
        #expect(try client.readResponse().status == 413)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.bodyTruncated)
        #expect(stored.body == Array(body.prefix(1000)))
        #expect(stored.bodySize > 1000)
        await server.stop()
    }

    @Test func expectContinueOverTheLimitIsRefusedBeforeUpload() async throws {
        let server = try await TestServer(maxBody: 1000)
        let client = try RawHTTPClient(port: server.port)
        try client.send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.bodyTruncated)
        #expect(stored.body.isEmpty)
        #expect(stored.bodySize == 5000)
        await server.stop()
    }

    @Test func expectContinueWithinTheLimitGets100ThenTheAnswer() async throws {
        let server = try await TestServer(maxBody: 1000)
        let client = try RawHTTPClient(port: server.port)
        try client.send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        #expect(try client.readResponse().status == 100)
        try client.send("hello")
        #expect(try client.readResponse().status == 200)
        #expect(try server.waitForCompleted(1)[0].body == Array("hello".utf8))
        await server.stop()
    }

    @Test func curlSeesThe413ForAnOversizedUpload() async throws {
        let server = try await TestServer(maxBody: 64 * 1024)
        let (output, status) = try Curl.run(["-o", "/dev/null", "-w", "%{http_code}", "--data-binary", "@-", "\(server.url)/curl-big"], stdin: Data(randomBytes(3 * 1024 * 1024)))
        #expect(String(decoding: output, as: UTF8.self) == "413")
        #expect(status == 0)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.bodyTruncated)
        await server.stop()
    }

    @Test func oversizedBodiesStillCountAgainstTheStoreAndEvict() async throws {
        let server = try await TestServer(maxBody: 100, limits: .init(capacity: 2, maxBytes: 1 << 30))
        for i in 0..<4 {
            let client = try RawHTTPClient(port: server.port)
            try client.send("POST /\(i) HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n" + String(repeating: "a", count: 200))
            #expect(try client.readResponse().status == 413)
        }
        _ = try server.waitForCompleted(4)
        #expect(server.store.statistics.evicted == 2)
        #expect(server.store.snapshot().map(\.path) == ["/2", "/3"])
        await server.stop()
    }
}

import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

/// Requests the parser refuses: answered 400, the connection closed, and each one still
/// listed as a rejected exchange with a reason (nothing lost, nothing crashes).
@Suite(.offThePool) struct MalformedRequestTests {
    static let cases: [(String, String, String)] = [
        ("content-length with transfer-encoding", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "malformed HTTP"),
        ("duplicate content-length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", "Content-Length"),
        ("bad chunk size", "POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", "chunk size"),
        ("bare LF", "GET / HTTP/1.1\nHost: x\n\n", "malformed HTTP"),
        ("control byte in target", "GET /a\u{01}b HTTP/1.1\r\nHost: x\r\n\r\n", "request target"),
        ("byte outside the token set in the method", "GE(T / HTTP/1.1\r\nHost: x\r\n\r\n", "method"),
        ("headers over 80 KB", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 100_000) + "\r\n\r\n", "80 KB"),
    ]

    @Test(arguments: 0..<cases.count)
    func refusedClosedAndListed(index: Int) async throws {
        let (_, wire, reasonPart) = Self.cases[index]
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send(wire)
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(client.ending() == .closed)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.response?.status == 400)
        #expect(stored.response?.source == .error)
        #expect(stored.rejection?.contains(reasonPart) == true, "reason was \(stored.rejection ?? "nil")")
        #expect(server.store.snapshot().count == 1)
        // The server goes on serving.
        let next = try RawHTTPClient(port: server.port)
        try next.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try next.readResponse().status == 200)
        await server.stop()
    }

    @Test func theRefusedBytesAreKeptWhereThereAreAny() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("GE(T /x HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try client.readResponse()
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.method == "GE(T")
        #expect(stored.target == "/x")
        #expect(String(decoding: stored.body, as: UTF8.self).hasPrefix("GE(T /x HTTP/1.1"))
        await server.stop()
    }

    @Test func connectIsAnsweredAsNotAProxy() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 405)
        #expect(response.header("Allow") != nil)
        #expect(client.ending() == .closed)
        #expect(try server.waitForCompleted(1)[0].method == "CONNECT")
        await server.stop()
    }

    @Test func anH2cUpgradeIsAnsweredAsPlainHTTP11() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.statusLine.hasPrefix("HTTP/1.1 200"))
        await server.stop()
    }

    @Test func headIsAnsweredWithoutABody() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try client.readResponse(isHEAD: true)
        #expect(head.status == 200)
        // The next response starts right away: no stray body bytes in between.
        let next = try client.readResponse()
        #expect(next.status == 200)
        #expect(String(decoding: next.body, as: UTF8.self).contains("\"id\":2"))
        await server.stop()
    }
}

@Suite(.offThePool) struct LongURITests {
    @Test func anOverlongTargetGets414AndIsListed() async throws {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        let path = "/" + String(repeating: "p", count: 20_000)
        try client.send("GET \(path)?q=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 414)
        #expect(client.ending() == .closed)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.target.utf8.count == 16 * 1024)
        #expect(stored.rejection?.contains("--max-uri") == true)
        await server.stop()
    }
}

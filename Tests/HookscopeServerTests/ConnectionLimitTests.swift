import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

@Suite(.offThePool) struct ConnectionLimitTests {
    @Test func aStalledHeadGets408AndIsListed() async throws {
        let server = try await TestServer(timeouts: ConnectionTimeouts(headerMilliseconds: 300))
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /slow HTTP/1.1\r\nHost: x\r\nX-Slow") // never finished
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.ending() == .closed)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.rejection?.contains("--header-timeout") == true)
        #expect(stored.method == "POST")
        #expect(String(decoding: stored.body, as: UTF8.self).contains("X-Slow"))
        await server.stop()
    }

    @Test func aStalledBodyGets408AndKeepsWhatArrived() async throws {
        let server = try await TestServer(timeouts: ConnectionTimeouts(bodyMilliseconds: 300))
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial")
        #expect(try client.readResponse().status == 408)
        let stored = try server.waitForCompleted(1)[0]
        #expect(stored.body == Array("partial".utf8))
        #expect(stored.bodyTruncated)
        #expect(stored.rejection == "no body bytes for 300 ms (--body-timeout) after 7 of 100 bytes")
        await server.stop()
    }

    @Test func anIdleKeptAliveConnectionIsClosedQuietly() async throws {
        let server = try await TestServer(timeouts: ConnectionTimeouts(idleMilliseconds: 300))
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        #expect(client.ending() == .closed)
        #expect(server.store.snapshot().count == 1) // nothing recorded for the idle close
        await server.stop()
    }

    @Test func aBusyConnectionIsNotCutByTheIdleTimeout() async throws {
        let server = try await TestServer(timeouts: ConnectionTimeouts(idleMilliseconds: 2000))
        let client = try RawHTTPClient(port: server.port)
        for i in 0..<25 {
            try client.send("GET /\(i) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            usleep(100_000) // blocking on purpose: a sleeping task could wait long for a free thread; each gap is under the timeout; the sum is not
        }
        await server.stop()
    }

    @Test func connectionsOverTheLimitAreAnswered503AndCountedAndServiceGoesOn() async throws {
        let server = try await TestServer(maxConnections: 2)
        let a = try RawHTTPClient(port: server.port)
        let b = try RawHTTPClient(port: server.port)
        try a.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
        try b.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try a.readResponse().status == 200)
        #expect(try b.readResponse().status == 200)
        // Issue #12, point 12: over the limit, a request that can be read gets 503 and
        // Retry-After (before: a silent close), and is counted.
        let c = try RawHTTPClient(port: server.port)
        try c.send("POST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        let refused = try c.readResponse()
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "1")
        #expect(String(decoding: refused.body, as: UTF8.self).contains("--max-connections"))
        #expect([.closed, .reset].contains(c.ending()))
        // One that sends nothing is closed when the refusal's short read time is up.
        let silent = try RawHTTPClient(port: server.port)
        #expect([.closed, .reset].contains(silent.ending()))
        #expect(server.server.refusedConnections == 2)
        #expect(server.store.snapshot().count == 2)
        // A slot frees when a connection closes.
        _ = consume a
        let d = try Poll.untilValue { () -> RawHTTPClient.Response? in
            guard let d = try? RawHTTPClient(port: server.port) else { return nil }
            try? d.send("GET /d HTTP/1.1\r\nHost: x\r\n\r\n")
            guard let response = try? d.readResponse(), response.status == 200 else { return nil }
            return response
        }
        #expect(d.status == 200)
        await server.stop()
    }
}

extension Poll {
    static func untilValue<T>(timeout: TimeInterval = 10, _ check: () -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let value = check() { return value }
            if Date() > deadline { throw RawHTTPClient.Failure(description: "condition not met within \(timeout) s") }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}

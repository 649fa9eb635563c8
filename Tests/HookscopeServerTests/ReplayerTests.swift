import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

/// Replays captured exchanges from one real capture server into another.
@Suite(.offThePool) struct ReplayerTests {
    static let secret = "prod_secret_3f9a1c2e7b"

    var analyzer: ProviderAnalyzer {
        ProviderAnalyzer(secrets: SecretRing([
            ProviderSecret(provider: "productive", value: Self.secret, origin: "test"),
            ProviderSecret(provider: "teamwork", value: Self.secret, origin: "test"),
        ]))
    }

    /// Captures what `wire` sends, as the listener would have stored it.
    func capture(_ wire: [UInt8]) async throws -> Exchange {
        let server = try await TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send(wire)
        _ = try client.readResponse()
        let captured = try server.waitForCompleted(1)[0]
        await server.stop()
        return captured
    }

    func replay(_ exchange: Exchange, resign: Bool = false, into target: TestServer) async throws -> (Replayer.Outcome, Exchange) {
        let client = OutgoingHTTPClient()
        let replayer = Replayer(client: client, analyzer: analyzer)
        let outcome = try await replayer.replay(exchange, to: target.url, resign: resign)
        await client.shutdown()
        return (outcome, try target.waitForCompleted(1)[0])
    }

    @Test func replayIsByteIdenticalWhenContentLengthComesLast() async throws {
        let body = randomBytes(3000)
        let original = try await capture(Array("POST /hooks/x?a=1&b=%20 HTTP/1.1\r\nHost: sender.example\r\nuser-agent: Sender/1\r\nX-Dup: one\r\nx-dup: two\r\nX-Empty: \r\nContent-Type: application/octet-stream\r\nContent-Length: 3000\r\n\r\n".utf8) + body)
        let target = try await TestServer()
        let (outcome, replayed) = try await replay(original, into: target)
        #expect(try outcome.result.get().status == 200)
        #expect(outcome.warnings.isEmpty)
        #expect(replayed.method == original.method)
        #expect(replayed.target == original.target)
        #expect(replayed.headers == original.headers)
        #expect(replayed.body == body)
        await target.stop()
    }

    @Test func aReplayBecomesARowLinkedToTheOriginal() async throws {
        var original = try await capture(Array("POST /hooks/x HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}".utf8))
        original.id = 17
        let target = try await TestServer(plan: ResponsePlan(status: 409, body: "duplicate"))
        let (outcome, _) = try await replay(original, into: target)
        let row = outcome.asExchange(sentAt: .now())
        #expect(row.replayOf == 17)
        #expect(row.target == "/hooks/x")
        #expect(row.body == Array("{}".utf8))
        #expect(row.response?.status == 409)
        #expect(row.upstream?.body == Array("duplicate".utf8))
        await target.stop()

        let unreachable = Replayer.Outcome(
            original: original, sent: outcome.sent, warnings: [], resignedWith: nil,
            result: .failure(.unreachable("connection refused"))
        ).asExchange(sentAt: .now())
        #expect(unreachable.response?.status == nil)
        #expect(unreachable.response?.source == .error)
        #expect(unreachable.upstream?.error?.contains("refused") == true)
    }

    @Test func theClientWritesTheFramingHeaderLastEverythingElseKeepsItsPlace() async throws {
        // async-http-client always sets Content-Length itself, after the other headers.
        let original = try await capture(Array("PUT /p HTTP/1.1\r\nHost: h\r\ncontent-length: 5\r\nX-After: 1\r\n\r\nhello".utf8))
        let target = try await TestServer()
        let (_, replayed) = try await replay(original, into: target)
        #expect(replayed.headers == [HeaderField("Host", "h"), HeaderField("X-After", "1"), HeaderField("Content-Length", "5")])
        #expect(replayed.body == Array("hello".utf8))
        await target.stop()
    }

    @Test func chunkedBodiesAreReplayedChunked() async throws {
        let original = try await capture(Array("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".utf8))
        #expect(original.body == Array("hello world".utf8))
        let target = try await TestServer()
        let (_, replayed) = try await replay(original, into: target)
        #expect(replayed.body == original.body)
        #expect(replayed.headers.first(named: "Transfer-Encoding") == "chunked")
        await target.stop()
    }

    func staleProductiveDelivery(age: Int64) throws -> Exchange {
        let body = Array(#"{"data":{"type":"deals","id":"7"}}"#.utf8)
        let signedAt = Int64(Date().timeIntervalSince1970) - age
        let headers = try ProviderSigner.headers(
            for: BuiltInProviders.productive, secret: ProviderSecret(provider: "productive", value: Self.secret, origin: "test"),
            body: body, timestamp: signedAt
        )
        return Exchange(
            id: 4, receivedAt: Timestamp(secondsSinceEpoch: Double(signedAt)), remote: "127.0.0.1:1", method: "POST",
            target: "/hooks/productive", headers: [HeaderField("Host", "h"), HeaderField("Content-Type", "application/json")] + headers,
            body: body, analysis: ExchangeAnalysis(provider: "productive")
        )
    }

    @Test func aStaleSignatureIsWarnedAboutAndReSigningRefreshesIt() async throws {
        let stale = try staleProductiveDelivery(age: 2 * 3600)
        let replayer = Replayer(client: OutgoingHTTPClient(), analyzer: analyzer)
        let (_, asIs) = try replayer.prepare(stale, to: "http://127.0.0.1:1", resign: false)
        await replayer.client.shutdown()
        #expect(asIs.warnings.count == 1)
        #expect(asIs.warnings.first?.contains("2 h old") == true)

        let target = try await TestServer(analyzer: { ProviderAnalyzer(secrets: SecretRing([ProviderSecret(provider: "productive", value: Self.secret, origin: "test")])).analyze($0) })
        let (outcome, replayed) = try await replay(stale, resign: true, into: target)
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.resignedWith?.hasPrefix("productive") == true)
        // Our verifier accepts it (on receipt, so the timestamp is fresh)...
        #expect(replayed.analysis.signature.status == .valid, "\(replayed.analysis.signature.reason ?? "")")
        // ...and the header stayed where it was.
        #expect(replayed.headers.map(\.name) == stale.headers.map(\.name) + ["Content-Length"])
        // ...and so does Python's hmac, computed independently over t.body.
        let value = try #require(replayed.headers.first(named: "Productive-Signature"))
        let parts = Dictionary(uniqueKeysWithValues: value.split(separator: ",").map { item in
            let pair = item.split(separator: "=", maxSplits: 1)
            return (String(pair[0]), String(pair[1]))
        })
        let t = try #require(parts["t"])
        #expect(Int64(t)! > Int64(Date().timeIntervalSince1970) - 60)
        #expect(try PythonHMAC.hexDigest(key: Self.secret, message: Array("\(t).".utf8) + replayed.body) == parts["s"])
        await target.stop()
    }

    @Test func reSigningNeedsARecipeAndASecret() async throws {
        let replayer = Replayer(client: OutgoingHTTPClient(), analyzer: ProviderAnalyzer())
        let noSecret = try staleProductiveDelivery(age: 0)
        #expect(throws: ReplayPreparation.Failure.self) { try replayer.prepare(noSecret, to: "http://127.0.0.1:1", resign: true) }
        var lift = noSecret
        lift.analysis.provider = "productlift"
        #expect(throws: ReplayPreparation.Failure.self) { try replayer.prepare(lift, to: "http://127.0.0.1:1", resign: true) }
        await replayer.client.shutdown()
    }

    @Test func hostIsRewrittenOnlyWhenAsked() async throws {
        let exchange = try staleProductiveDelivery(age: 0)
        var replayer = Replayer(client: OutgoingHTTPClient(), analyzer: analyzer)
        #expect(try replayer.prepare(exchange, to: "http://127.0.0.1:3000/app", resign: false).0.headers.first(named: "Host") == "h")
        replayer.rewriteHost = true
        let (request, _) = try replayer.prepare(exchange, to: "http://127.0.0.1:3000/app", resign: false)
        #expect(request.headers.first(named: "Host") == "127.0.0.1:3000")
        #expect(request.url == "http://127.0.0.1:3000/app/hooks/productive")
        await replayer.client.shutdown()
    }
}

/// HMAC-SHA256 computed by Python's standard library: an implementation independent of ours.
enum PythonHMAC {
    static func hexDigest(key: String, message: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-hmac-\(UUID())")
        try Data(message).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import hmac,hashlib,sys; print(hmac.new(sys.argv[1].encode(), open(sys.argv[2],'rb').read(), hashlib.sha256).hexdigest())", key, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A header value with CR/LF (possible in an edited or hand-made capture) must end as a
/// clear failure, never as a crash or as a second, smuggled header on the wire.
@Suite(.offThePool) struct ReplayHostileHeaderTests {
    @Test func aHeaderWithCRLFIsRefusedNotSent() async throws {
        let target = try await TestServer()
        let exchange = Exchange(
            id: 3, receivedAt: .now(), remote: "127.0.0.1:1", method: "POST", target: "/x",
            headers: [HeaderField("X-Evil", "a\r\nX-Injected: yes"), HeaderField("Content-Length", "2")],
            body: Array("hi".utf8)
        )
        let client = OutgoingHTTPClient()
        let replayer = Replayer(client: client, analyzer: ProviderAnalyzer(secrets: SecretRing([])), timeout: .seconds(5))
        var failure: String?
        do {
            let outcome = try await replayer.replay(exchange, to: target.url, resign: false)
            if case .failure(let error) = outcome.result { failure = "\(error)" }
        } catch {
            failure = "\(error)"
        }
        await client.shutdown()
        #expect(failure != nil, "a header with CR/LF was sent")
        // Nothing with an injected header reached the target.
        let received = target.completed.items.withLock { $0 }
        #expect(received.allSatisfy { $0.headers.first(named: "X-Injected") == nil })
        await target.stop()
    }
}

import Foundation
import HookscopeCore
import HookscopeServer
import Synchronization
import Testing
import TestSupport

/// The terminal UI's `r` on marked rows: in order, one stored row per replay carrying the
/// verdict for the bytes as sent, a line per replay and a tally naming failures.
@Suite(.offThePool) struct ReplayerBatchTests {
    final class Lines: Sendable {
        let lines = Mutex<[Replayer.Progress]>([])
        var all: [Replayer.Progress] { lines.withLock { $0 } }
    }

    let secret = ProviderSecret(provider: "productive", value: "prod_secret_batch", origin: "test")

    func productiveDelivery(id: Int, signedSecondsAgo age: Int64) throws -> Exchange {
        let body = Array(#"{"data":{"type":"deals","id":"\#(id)"}}"#.utf8)
        let signedAt = Int64(Date().timeIntervalSince1970) - age
        let headers = try ProviderSigner.headers(for: BuiltInProviders.productive, secret: secret, body: body, timestamp: signedAt)
        return Exchange(
            id: id, receivedAt: Timestamp(secondsSinceEpoch: Double(signedAt)), remote: "127.0.0.1:1", method: "POST",
            target: "/hooks/productive/\(id)", headers: [HeaderField("Content-Type", "application/json")] + headers,
            body: body, analysis: ExchangeAnalysis(provider: "productive")
        )
    }

    @Test func rowsComeInOrderWithTheVerdictForWhatWasSent() async throws {
        let target = try await TestServer()
        let client = OutgoingHTTPClient()
        let replayer = Replayer(client: client, analyzer: ProviderAnalyzer(secrets: SecretRing([secret])))
        let store = CaptureStore()
        let lines = Lines()
        let stale = try productiveDelivery(id: 7, signedSecondsAgo: 7200)
        let fresh = try productiveDelivery(id: 9, signedSecondsAgo: 0)
        await replayer.replayAll([(stale, resign: false), (stale, resign: true), (fresh, resign: false)], to: target.url, store: store) {
            line in lines.lines.withLock { $0.append(line) }
        }
        await client.shutdown()
        let received = try target.waitForCompleted(3)
        #expect(received.map(\.target) == ["/hooks/productive/7", "/hooks/productive/7", "/hooks/productive/9"])
        let rows = Array(store.snapshot())
        #expect(rows.map(\.replayOf) == [7, 7, 9])
        #expect(rows.map(\.analysis.signature.status) == [.expired, .valid, .valid])
        #expect(lines.all.map(\.text).prefix(3).map { String($0.prefix(30)) } == [
            "(1 of 3) replay of #7 is #1: 2", "(2 of 3) replay of #7 is #2: 2", "(3 of 3) replay of #9 is #3: 2",
        ])
        #expect(lines.all[0].text.contains("; #7: its Productive signature is 2 h old"))
        #expect(lines.all[1].text.contains("(re-signed: productive"))
        #expect(lines.all.last == Replayer.Progress(text: "replayed 3: 3 answered", isError: false))
        await target.stop()
    }

    @Test func failuresAreCountedAndNamed() async throws {
        let client = OutgoingHTTPClient()
        let replayer = Replayer(client: client, analyzer: ProviderAnalyzer(secrets: SecretRing([])), timeout: .seconds(5))
        let store = CaptureStore()
        let lines = Lines()
        let delivery = try productiveDelivery(id: 3, signedSecondsAgo: 0)
        // Port 1 refuses; re-signing without a secret cannot even be prepared.
        await replayer.replayAll([(delivery, resign: false), (delivery, resign: true)], to: "http://127.0.0.1:1", store: store) {
            line in lines.lines.withLock { $0.append(line) }
        }
        await client.shutdown()
        #expect(lines.all.count == 3)
        #expect(lines.all[0].isError)
        #expect(lines.all[0].text.hasPrefix("(1 of 2) replay of #3 is #1: failed: "))
        #expect(lines.all[1] == Replayer.Progress(
            text: "(2 of 2) not replayed: #3: cannot re-sign, no secret for productive: pass --secret productive=SECRET", isError: true))
        #expect(lines.all[2] == Replayer.Progress(text: "replayed 2: 0 answered, 2 failed (#3 #3)", isError: true))
        #expect(store.snapshot().count == 1)   // the refused one is a row; the unprepared one is not
        #expect(store.snapshot().first?.upstream?.error != nil)
    }

    @Test func aReplayThatTimesOutIsRecordedAsSlow() async throws {
        let silent = try await RawTCPServer(.silent)
        let client = OutgoingHTTPClient()
        let replayer = Replayer(client: client, analyzer: ProviderAnalyzer(secrets: SecretRing([])), timeout: .milliseconds(200))
        let store = CaptureStore()
        await replayer.replayAll([(try productiveDelivery(id: 5, signedSecondsAgo: 0), resign: false)], to: silent.url, store: store) { _ in }
        await client.shutdown()
        let row = try #require(store.snapshot().first)
        #expect(row.upstream?.timedOut == true)
        #expect(row.upstream?.durationMilliseconds == 200)
        await silent.stop()
    }

    /// The replay path's own deadline covers the body too: an app that sends its head at
    /// once and then trickles must not hold a replay past the timeout.
    /// The body would take over an hour to arrive: a test process starved for many seconds
    /// on a loaded machine (its timers all late at once) still cannot see it complete.
    @Test func anAppTricklingItsBodyTimesTheReplayOut() async throws {
        let trickling = try await RawTCPServer(.trickle(
            head: Array("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".utf8), body: Array(repeating: UInt8(ascii: "x"), count: 100_000),
            bytes: 1, intervalMilliseconds: 50))
        let client = OutgoingHTTPClient()
        let replayer = Replayer(client: client, analyzer: ProviderAnalyzer(secrets: SecretRing([])), timeout: .milliseconds(300))
        let store = CaptureStore()
        await replayer.replayAll([(try productiveDelivery(id: 6, signedSecondsAgo: 0), resign: false)], to: trickling.url, store: store) { _ in }
        await client.shutdown()
        let row = try #require(store.snapshot().first)
        #expect(row.upstream?.timedOut == true)
        #expect(row.upstream?.status == nil)
        await trickling.stop()
    }

    /// Review M9: exchanges of several --forward routes replay in one batch, in order, each
    /// to its own app (`routed`), the rest to the target; one tally for all.
    @Test func routedExchangesGoToTheirOwnAppInOrder() async throws {
        let main = try await TestServer()
        let billing = try await TestServer()
        let client = OutgoingHTTPClient()
        let replayer = Replayer(client: client, analyzer: ProviderAnalyzer(secrets: SecretRing([])))
        let store = CaptureStore()
        let lines = Lines()
        let items = try [7, 8, 9].map { (try productiveDelivery(id: $0, signedSecondsAgo: 0), resign: false) }
        await replayer.replayAll(items, to: main.url, routed: [8: billing.url], store: store) { line in lines.lines.withLock { $0.append(line) } }
        await client.shutdown()
        #expect(try main.waitForCompleted(2).map(\.target) == ["/hooks/productive/7", "/hooks/productive/9"])
        #expect(try billing.waitForCompleted(1).map(\.target) == ["/hooks/productive/8"])
        #expect(Array(store.snapshot()).map(\.replayOf) == [7, 8, 9])
        #expect(Array(store.snapshot()).map { $0.upstream?.url.hasPrefix(billing.url) == true } == [false, true, false])
        #expect(lines.all.last == Replayer.Progress(text: "replayed 3: 3 answered", isError: false))
        await main.stop()
        await billing.stop()
    }
}

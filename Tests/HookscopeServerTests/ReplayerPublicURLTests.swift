import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

/// A re-signed replay of a URL-signing provider (Twilio) behind a public URL: the app
/// checks signatures against the URL senders call (the forwarded original was signed over
/// it), so the fresh signature covers that URL, not the replay target's; without a public
/// URL it covers the target's.
@Suite(.offThePool) struct ReplayerPublicURLTests {
    static let secret = "twilio_auth_token_5c1e"
    static let publicURL = "https://abc.tunnel.example"

    static func analyzer(publicURL: String?) throws -> ProviderAnalyzer {
        ProviderAnalyzer(
            secrets: SecretRing([ProviderSecret(provider: "twilio", value: secret, origin: "test")]),
            publicURL: try publicURL.map(PublicURL.init)
        )
    }

    /// As a tunnel delivers it: the local Host, a signature made for another moment.
    static let captured = Exchange(
        id: 4, receivedAt: .now(), remote: "127.0.0.1", method: "POST", target: "/hooks/sms?x=1",
        headers: [
            HeaderField("Host", "127.0.0.1:8080"),
            HeaderField("Content-Type", "application/x-www-form-urlencoded"),
            HeaderField("X-Twilio-Signature", "c3RhbGUtc2lnbmF0dXJl"),
        ],
        body: Array("From=%2B15550001&Body=hello&To=%2B15550002".utf8)
    )

    /// Re-signs and replays `captured` into a real server; the request it received.
    func replayed(publicURL: String?) async throws -> (Exchange, target: String) {
        let target = try await TestServer()
        let client = OutgoingHTTPClient()
        let replayer = Replayer(client: client, analyzer: try Self.analyzer(publicURL: publicURL))
        let outcome = try await replayer.replay(Self.captured, to: target.url, resign: true)
        await client.shutdown()
        #expect(try outcome.result.get().status == 200)
        #expect(outcome.resignedWith?.hasPrefix("twilio") == true)
        let received = try target.waitForCompleted(1)[0]
        await target.stop()
        return (received, target.url)
    }

    /// The verdict of `exchange`'s signature against exactly `url`.
    static func verdict(_ exchange: Exchange, signedURL url: String) throws -> SignatureVerdict.Status {
        var analyzer = try analyzer(publicURL: nil)
        analyzer.exactURL = url
        return analyzer.analyze(exchange).signature.status
    }

    @Test func withAPublicURLTheFreshSignatureCoversThePublicURL() async throws {
        let (received, target) = try await replayed(publicURL: Self.publicURL)
        #expect(try Self.verdict(received, signedURL: Self.publicURL + "/hooks/sms?x=1") == .valid)
        #expect(try Self.verdict(received, signedURL: target + "/hooks/sms?x=1") == .invalid)
        // The replay's own row, checked as the listener checks it, says valid.
        #expect(try Self.analyzer(publicURL: Self.publicURL).analyze(received).signature.status == .valid)
    }

    @Test func withoutOneItCoversTheURLTheReplayIsSentTo() async throws {
        let (received, target) = try await replayed(publicURL: nil)
        #expect(try Self.verdict(received, signedURL: target + "/hooks/sms?x=1") == .valid)
        #expect(try Self.verdict(received, signedURL: Self.publicURL + "/hooks/sms?x=1") == .invalid)
    }

    /// The TUI's check before `r`/`e` finds the re-sign possible with the public URL too.
    @Test func theReplayCheckCanResignWithAPublicURL() throws {
        let check = ReplayCheck(Self.captured, analyzer: try Self.analyzer(publicURL: Self.publicURL), now: Timestamp.now().nanosecondsSinceEpoch / 1_000_000_000)
        #expect(check.canResign, "\(check.cannotResign ?? "")")
        #expect(check.signatureHeaders == ["X-Twilio-Signature"])
    }
}

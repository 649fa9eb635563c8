import Testing
@testable import HookscopeCore

@Suite struct ProviderResignTests {
    @Test(arguments: ProviderPropertyTests.signing)
    func resignedDeliveriesVerifyAtTheNewTime(provider: String) throws {
        let profile = try #require(BuiltInProviders.named(provider))
        let secret = ProviderSecret(provider: provider, value: "whsec_" + Base64.encode(Array("resign-secret-0123456789".utf8)), origin: "test")
        let body = Array(#"{"id":"evt_1","type":"a.b"}"#.utf8)
        let original = [HeaderField("Content-Type", "application/json")]
            + (try ProviderSigner.headers(for: profile, secret: secret, body: body, timestamp: 1000, id: "msg_1", event: "a.b"))
            + [HeaderField("X-Trace", "1")]
        let analyzer = ProviderAnalyzer(secrets: SecretRing([secret]))
        let later: Int64 = 1000 + 86_400
        let stale = analyzer.analyze(path: "/", request: SignedRequest(headers: original, body: body, receivedAt: later))
        let resigned = try ProviderSigner.resigned(headers: original, body: body, profile: profile, secret: secret, timestamp: later)
        let fresh = analyzer.analyze(path: "/", request: SignedRequest(headers: resigned, body: body, receivedAt: later))
        #expect(fresh.signature.status == .valid, "\(fresh.signature.reason ?? "")")
        #expect(resigned.count == original.count)
        #expect(resigned.first?.name == "Content-Type")
        #expect(resigned.last?.name == "X-Trace")
        if profile.signature?.hasTimestamp == true {
            #expect(stale.signature.status == .expired)
            #expect(resigned != original)
        }
    }
}

import Testing
@testable import HookscopeCore

/// What the terminal UI's `r` learns before sending: staleness, whether a re-sign is
/// possible, and which headers carry the signature.
@Suite struct ReplayCheckTests {
    let secret = ProviderSecret(provider: "stripe", value: "whsec_check-secret", origin: "test")
    let body = Array(#"{"id":"evt_1","type":"charge.succeeded"}"#.utf8)

    func stripeExchange(signedAt timestamp: Int64) throws -> Exchange {
        let profile = try #require(BuiltInProviders.named("stripe"))
        let headers = [HeaderField("Content-Type", "application/json")]
            + (try ProviderSigner.headers(for: profile, secret: secret, body: body, timestamp: timestamp, id: nil, event: "charge.succeeded"))
        var exchange = Exchange(id: 17, receivedAt: Timestamp(nanosecondsSinceEpoch: timestamp * 1_000_000_000),
                                remote: "127.0.0.1:1", method: "POST", target: "/hooks", headers: headers, body: body)
        exchange.analysis = ExchangeAnalysis(provider: "stripe", event: "charge.succeeded", deliveryID: nil)
        return exchange
    }

    @Test func aFreshSignatureNeedsNoQuestion() throws {
        let check = ReplayCheck(try stripeExchange(signedAt: 1_000), analyzer: ProviderAnalyzer(secrets: SecretRing([secret])), now: 1_010)
        #expect(!check.stale)
        #expect(check.warnings.isEmpty)
        #expect(check.canResign)
        #expect(check.signatureHeaders == ["Stripe-Signature"])
    }

    @Test func anOldSignatureIsStaleAndCanBeReSignedWithTheSecret() throws {
        let check = ReplayCheck(try stripeExchange(signedAt: 1_000), analyzer: ProviderAnalyzer(secrets: SecretRing([secret])), now: 1_000 + 7_200)
        #expect(check.stale)
        #expect(check.warnings.count == 1)
        #expect(check.warnings.first?.hasPrefix("#17: its Stripe signature is 2 h old, past the 300 s tolerance") == true)
        #expect(check.canResign)
    }

    @Test func withoutTheSecretTheCheckSaysWhyItCannotReSign() throws {
        let check = ReplayCheck(try stripeExchange(signedAt: 1_000), analyzer: ProviderAnalyzer(secrets: SecretRing([])), now: 1_000 + 7_200)
        #expect(check.stale)
        #expect(check.cannotResign == "#17: cannot re-sign, no secret for stripe: pass --secret stripe=SECRET")
    }

    @Test func anUnknownSenderIsNeitherStaleNorResignable() {
        let exchange = Exchange(id: 3, receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "x", method: "POST", target: "/", headers: [], body: [])
        let check = ReplayCheck(exchange, analyzer: ProviderAnalyzer(secrets: SecretRing([])), now: 99_999)
        #expect(!check.stale)
        #expect(check.signatureHeaders.isEmpty)
        #expect(check.cannotResign?.contains("not a known provider") == true)
    }
}

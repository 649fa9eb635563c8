import Testing
@testable import HookscopeCore

/// The sentences of the verdicts whose reason is written when read: word for word what
/// users saw when the reason was built on the spot.
@Suite struct SignatureReasonTests {
    static let body = Array(#"{"event":"deals.created"}"#.utf8)
    static let now: Int64 = 1_700_000_000

    static func analyze(_ provider: String, secrets: [ProviderSecret], signedWith secret: ProviderSecret? = nil, signedAt: Int64 = now) throws -> SignatureVerdict {
        let profile = try #require(BuiltInProviders.named(provider))
        var headers = [HeaderField("Content-Type", "application/json")]
        if let secret {
            headers += try ProviderSigner.headers(for: profile, secret: secret, body: body, timestamp: signedAt, id: "msg_1")
        }
        let analyzer = ProviderAnalyzer(secrets: SecretRing(secrets))
        return analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: body, receivedAt: now)).signature
    }

    static let stripe = ProviderSecret(provider: "stripe", value: "whsec_0123456789abcdef", origin: "--secret")
    static let stripeOld = ProviderSecret(provider: "stripe", value: "whsec_fedcba9876543210", origin: "config")

    @Test func aMatchNamesHeaderSchemeMessageAndSecret() throws {
        let verdict = try Self.analyze("stripe", secrets: [Self.stripe], signedWith: Self.stripe)
        #expect(verdict.status == .valid)
        #expect(verdict.scheme == "hmac-sha256-hex")
        #expect(verdict.reason == "Stripe-Signature (hmac-sha256-hex over {timestamp}.{body}) matches secret wh…ef (from --secret)")
    }

    @Test func aMatchAmongSeveralSecretsSaysWhichOne() throws {
        let verdict = try Self.analyze("stripe", secrets: [Self.stripe, Self.stripeOld], signedWith: Self.stripeOld)
        #expect(verdict.reason == "Stripe-Signature (hmac-sha256-hex over {timestamp}.{body}) matches secret wh…10 (#2 of 2 for stripe, from config)")
    }

    @Test func aStaleMatchSaysHowOld() throws {
        let verdict = try Self.analyze("stripe", secrets: [Self.stripe], signedWith: Self.stripe, signedAt: Self.now - 600)
        #expect(verdict.status == .expired)
        #expect(verdict.reason == "Stripe-Signature (hmac-sha256-hex over {timestamp}.{body}) matches secret wh…ef (from --secret), "
            + "but its timestamp 1699999400 is 10 min old; tolerance 5 min (Stripe's libraries' default of 5 minutes)")
    }

    @Test func aSignedDeliveryWithoutASecretSaysHowToGiveOne() throws {
        let verdict = try Self.analyze("stripe", secrets: [], signedWith: Self.stripe)
        #expect(verdict.status == .noSecret)
        #expect(verdict.reason == "Stripe-Signature is present but no secret is configured for stripe: "
            + "pass --secret stripe=SECRET or set HOOKSCOPE_SECRET_STRIPE")
    }

    @Test func aMissingHeaderNamesIt() throws {
        let request = SignedRequest(headers: [HeaderField("Stripe-Signature-Not", "x")], body: Self.body, receivedAt: Self.now)
        let recipe = try #require(BuiltInProviders.named("stripe")?.signature)
        let verdict = SignatureVerifier(secrets: SecretRing()).verify(request, recipe: recipe, provider: "stripe", displayName: "Stripe")
        #expect(verdict.status == .unsigned)
        #expect(verdict.reason == "no Stripe-Signature header; Stripe sends its signature there")
    }

    @Test func anUndocumentedSchemeWithoutSecretSaysWhatASecretWouldDo() {
        let analysis = ProviderAnalyzer().analyze(path: "/", request: SignedRequest(
            headers: [], body: Array(#"{"id":"x","creation_time":"t","event":"vote.created","data":{}}"#.utf8), receivedAt: Self.now
        ))
        #expect(analysis.provider == "productlift")
        #expect(analysis.signature.status == .noSecret)
        #expect(analysis.signature.reason == "ProductLift's documentation does not say how it signs; with --secret productlift=SECRET "
            + "hookscope tries HMAC-SHA256 of the body against every header that looks like a digest")
    }

    @Test func verdictsSayingTheSameAreEqualHoweverTheReasonIsKept() throws {
        let lazy = try Self.analyze("stripe", secrets: [], signedWith: Self.stripe)
        let written = SignatureVerdict(status: lazy.status, scheme: lazy.scheme, header: lazy.header, reason: lazy.reason)
        #expect(lazy == written)
        var different = written
        different.reason = (written.reason ?? "") + "."
        #expect(lazy != different)
    }
}

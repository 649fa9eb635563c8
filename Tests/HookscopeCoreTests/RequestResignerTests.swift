import Testing
@testable import HookscopeCore

@Suite struct RequestResignerTests {
    func secret(_ provider: String, _ value: String = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") -> ProviderSecret {
        ProviderSecret(provider: provider, value: value, origin: "test")
    }

    func verdict(_ headers: [HeaderField], body: [UInt8], provider: String, now: Int64) -> SignatureVerdict {
        let analyzer = ProviderAnalyzer(secrets: SecretRing([secret(provider)]))
        return analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: body, receivedAt: now)).signature
    }

    @Test(arguments: ["productive", "stripe", "slack", "standard", "teamwork", "gitproductivity"])
    func resigningAnEditedBodyVerifiesAgainAndKeepsHeaderPositions(provider: String) throws {
        let profile = try #require(BuiltInProviders.named(provider))
        let body = Array(#"{"type":"x","id":"1"}"#.utf8)
        let signed = try ProviderSigner.headers(for: profile, secret: secret(provider), body: body, timestamp: 1_000, id: "msg_1", event: "x")
        let headers = [HeaderField("Host", "h")] + signed + [HeaderField("X-After", "1")]
        let edited = Array(#"{"type":"x","id":"2"}"#.utf8)
        #expect(verdict(headers, body: edited, provider: provider, now: 1_000).status == .invalid)
        let resigned = try RequestResigner.resign(headers: headers, body: edited, profile: profile, secret: secret(provider), timestamp: 5_000)
        #expect(resigned.map(\.name) == headers.map(\.name))
        #expect(verdict(resigned, body: edited, provider: provider, now: 5_000).status == .valid)
    }

    @Test func staleTimestampsAreWarnedAboutOnlyForSchemesThatSignOne() throws {
        let body = Array("{}".utf8)
        let slack = try ProviderSigner.headers(for: BuiltInProviders.slack, secret: secret("slack"), body: body, timestamp: 1_000)
        #expect(RequestResigner.staleSignatureWarning(headers: slack, profile: BuiltInProviders.slack, now: 1_200) == nil)
        let warning = try #require(RequestResigner.staleSignatureWarning(headers: slack, profile: BuiltInProviders.slack, now: 1_000 + 3 * 86400))
        #expect(warning.contains("3 d old"))
        let teamwork = try ProviderSigner.headers(for: BuiltInProviders.teamwork, secret: secret("teamwork"), body: body, timestamp: 1_000)
        #expect(RequestResigner.staleSignatureWarning(headers: teamwork, profile: BuiltInProviders.teamwork, now: 1_000_000) == nil)
    }

    @Test func productLiftCannotBeResigned() {
        #expect(throws: RequestResigner.Failure.self) {
            try RequestResigner.resign(headers: [], body: [], profile: BuiltInProviders.productLift, secret: secret("productlift"), timestamp: 0)
        }
    }
}

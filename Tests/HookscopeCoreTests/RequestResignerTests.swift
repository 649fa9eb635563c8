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

    /// A recipe over `{method}\n{path}\n{body}`: re-signed for the method and URL the replay
    /// uses, it verifies for exactly that request line and for no other.
    @Test func theMethodAndPathSignedAreTheRequestsOwn() throws {
        let recipe = SignatureRecipe(header: "X-Routed-Signature", format: .digest(prefix: ""), message: try #require(MessageTemplate(parsing: "{method}\n{path}\n{body}")), encoding: .hex)
        let profile = ProviderProfile(name: "routed", displayName: "routed", recognition: ProviderRecognition(headerRules: [["X-Routed-Signature"]]), signature: recipe)
        let key = secret("routed", "routed-secret")
        let body = Array(#"{"a":1}"#.utf8)
        let resigned = try RequestResigner.resign(
            headers: [HeaderField("Host", "h")], body: body, profile: profile, secret: key, timestamp: 1_000,
            url: "http://h/app/hooks/7?x=1", method: "PUT"
        )
        let analyzer = ProviderAnalyzer(profiles: [profile], secrets: SecretRing([key]))
        func status(_ method: String, _ target: String) -> SignatureVerdict.Status {
            analyzer.analyze(path: "/", request: SignedRequest(headers: resigned, body: body, receivedAt: 1_000, method: method, target: target)).signature.status
        }
        #expect(status("PUT", "/app/hooks/7?x=1") == .valid)
        #expect(status("POST", "/app/hooks/7?x=1") == .invalid)
        #expect(status("PUT", "/") == .invalid)
        let noURL = #expect(throws: ProviderSigner.SigningError.self) {
            try ProviderSigner.headers(for: profile, secret: key, body: body, timestamp: 1_000)
        }
        #expect(noURL?.description.contains("signs the path") == true)
    }

    @Test func productLiftCannotBeResigned() {
        #expect(throws: RequestResigner.Failure.self) {
            try RequestResigner.resign(headers: [], body: [], profile: BuiltInProviders.productLift, secret: secret("productlift"), timestamp: 0)
        }
    }
}

import Testing
@testable import HookscopeCore

/// `--public-url` reaches the recipes that sign the URL: a URL-signed delivery that arrived
/// through a tunnel (Host is the local address) verifies only when the analyzer knows
/// where the sender called. Uses the catalogue's own vector, made by an independent signer.
@Suite struct PublicURLSigningTests {
    func verdict(publicURL: String?) throws -> SignatureVerdict {
        let file = try #require(try CatalogueVectorTests.files().first { $0.0 == "recipe-kinds.json" }?.1)
        let vector = try #require(file.vectors.first { $0.name == "urlsigned: valid" })
        var settings = ProviderSettings()
        try settings.apply(ProviderConfiguration(yaml: try #require(file.config)))
        try settings.addSecretArgument("\(vector.provider)=\(try #require(vector.secret))")
        try settings.addPinArgument(vector.provider)
        settings.publicURL = try publicURL.map(PublicURL.init)
        // As the tunnel delivers it: the local Host, no X-Forwarded-*.
        let request = SignedRequest(
            headers: vector.headers.map { HeaderField($0[0], $0[1]) } + [HeaderField("Host", "127.0.0.1:8080")],
            body: vector.bodyBytes, receivedAt: vector.now, method: "POST", target: "/hooks/sms?x=1"
        )
        return settings.analyzer.analyze(path: "/hooks/sms", request: request).signature
    }

    @Test func verifiesWithThePublicURLAndNotWithout() throws {
        let withURL = try verdict(publicURL: "https://abc.tunnel.example")
        #expect(withURL.status == .valid, "\(withURL.reason ?? "")")
        let without = try verdict(publicURL: nil)
        #expect(without.status == .invalid, "\(without.reason ?? "")")
    }
}

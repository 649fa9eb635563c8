import Crypto
import Testing
@testable import HookscopeCore

extension SignatureVector: CustomTestStringConvertible {
    var testDescription: String { name }
}

/// Checks hookscope against digests computed outside it (scripts/make-signature-vectors.py).
@Suite struct ProviderSignatureVectorTests {
    @Test(arguments: SignatureVectors.rfc4231.map(\.name))
    func rfc4231(name: String) throws {
        let vector = try #require(SignatureVectors.rfc4231.first { $0.name == name })
        let key = try #require(Hex.decode(vector.keyHex))
        let data = try #require(Hex.decode(vector.dataHex))
        #expect(Hex.encode(HMACSHA256.code(key: key, message: data)) == vector.macHex)
        #expect(HMACSHA256.isValid(try #require(Hex.decode(vector.macHex)), key: key, message: data))
    }

    /// Every key length around the block size (64) and past it, against swift-crypto's HMAC.
    @Test func codeMatchesSwiftCryptosHMAC() {
        var rng = SplitMix64(seed: 2104)
        for keyLength in 0...140 {
            let key = ProviderPropertyTests.randomBytes(keyLength, using: &rng)
            let message = ProviderPropertyTests.randomBytes(Int.random(in: 0...300, using: &rng), using: &rng)
            let expected = Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
            #expect(HMACSHA256.code(key: key, message: message) == expected, "key of \(keyLength) bytes")
        }
    }

    @Test(arguments: SignatureVectors.cases)
    func verdict(of vector: SignatureVector) {
        var ring = SecretRing()
        for secret in vector.secrets { ring.add(ProviderSecret(provider: secret.provider, value: secret.value, origin: "test")) }
        let analyzer = ProviderAnalyzer(secrets: ring, pins: ProviderPins(everywhere: vector.pin))
        let request = SignedRequest(
            headers: vector.headers.map { HeaderField($0.0, $0.1) }, body: Array(vector.body.utf8),
            receivedAt: SignatureVectors.receivedAt
        )
        let analysis = analyzer.analyze(path: "/hooks", request: request)
        #expect(analysis.signature.status.rawValue == vector.status, "\(analysis.signature.reason ?? "no reason")")
        let reason = analysis.signature.reason ?? ""
        for words in vector.reasonContains {
            #expect(reason.contains(words), "reason: \(reason)")
        }
        if let provider = vector.provider { #expect(analysis.provider == provider) }
        if vector.checksFields {
            #expect(analysis.event == vector.event)
            #expect(analysis.deliveryID == vector.deliveryID)
        }
        // No reason ever carries a configured secret in full.
        for secret in vector.secrets where secret.value.count >= 6 {
            #expect(!reason.contains(secret.value), "secret leaked into: \(reason)")
        }
    }

    /// Our signer produces exactly the headers the independent script computed.
    @Test(arguments: Array(SignatureVectors.validHeaders.keys).sorted())
    func signerMatchesTheScript(provider: String) throws {
        let profile = try #require(BuiltInProviders.named(provider))
        let secret = ProviderSecret(provider: provider, value: try #require(SignatureVectors.secrets[provider]), origin: "test")
        let expected = try #require(SignatureVectors.validHeaders[provider])
        let id: String? = expected.first { ["webhook-id", "Delivery", "X-GitHub-Delivery", "X-Shopify-Webhook-Id"].contains($0.0) }?.1
        let event: String? = expected.first { ["Event", "X-GitHub-Event", "X-Shopify-Topic"].contains($0.0) }?.1
        let signed = try ProviderSigner.headers(
            for: profile, secret: secret, body: Array(SignatureVectors.body.utf8),
            timestamp: SignatureVectors.timestamp, id: id, event: event
        )
        let signatureHeader = try #require(profile.signature?.header)
        #expect(signed.first(named: signatureHeader) == expected.first { $0.0.caseInsensitiveEquals(signatureHeader) }?.1)
        for (name, value) in expected where name != "User-Agent" {
            #expect(signed.first(named: name) == value, "\(name)")
        }
    }
}

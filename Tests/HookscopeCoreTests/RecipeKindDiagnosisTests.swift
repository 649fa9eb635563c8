import Crypto
import Foundation
import Testing
@testable import HookscopeCore

/// The diagnosis and key reading work for the key-pair kinds as for HMAC. Deliveries are the
/// Python-made vectors of `Vectors/recipe-kinds.json`, altered here the way a proxy would.
@Suite struct RecipeKindDiagnosisTests {
    static func vector(_ provider: String) throws -> (config: String, vector: CatalogueVectorTests.Vector) {
        let files = try CatalogueVectorTests.files()
        let file = try #require(files.first { $0.0 == "recipe-kinds.json" }?.1)
        let vector = try #require(file.vectors.first { $0.provider == provider && $0.expect == "valid" })
        return (file.config ?? "", vector)
    }

    static func verdict(_ provider: String, body: (String) -> String, secret: String? = nil) throws -> SignatureVerdict {
        let (config, vector) = try vector(provider)
        var settings = ProviderSettings()
        try settings.apply(ProviderConfiguration(yaml: config))
        if let key = secret ?? vector.secret { try settings.addSecretArgument("\(provider)=\(key)") }
        try settings.addPinArgument(provider)
        let request = SignedRequest(
            headers: vector.headers.map { HeaderField($0[0], $0[1]) }, body: Array(body(vector.body ?? "").utf8), receivedAt: vector.now
        )
        return settings.analyzer.analyze(path: "/", request: request).signature
    }

    @Test(arguments: ["edkey", "eckey"])
    func aTrailingNewlineAddedOnTheWayIsFoundForKeyPairs(provider: String) throws {
        let verdict = try Self.verdict(provider) { $0 + "\n" }
        #expect(verdict.status == .invalid)
        #expect(verdict.reason?.contains("without the trailing newline") == true, "\(verdict.reason ?? "")")
    }

    @Test func anEd25519KeyIsReadAsHexBase64OrDERSubjectPublicKeyInfo() throws {
        let (_, vector) = try Self.vector("edkey")
        let secret = try #require(vector.secret)
        let raw = try #require(Hex.decode(secret))
        let spki: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00] + raw
        let pem = "-----BEGIN PUBLIC KEY-----\n\(Base64.encode(spki))\n-----END PUBLIC KEY-----\n"
        for form in [Base64.encode(raw), Base64.encode(spki), pem] {
            #expect(try Self.verdict("edkey", body: { $0 }, secret: form).status == .valid, "\(form)")
        }
        let wrong = try Self.verdict("edkey", body: { $0 }, secret: "not a key")
        #expect(wrong.status == .invalid)
        #expect(wrong.reason?.contains("is not an Ed25519 public key") == true, "\(wrong.reason ?? "")")
    }

    @Test func aP256KeyIsReadAsPEMToo() throws {
        let (config, _) = try Self.vector("eckey")
        let base64 = try #require(config.split(separator: "\n").first { $0.contains("public_key:") }?.split(separator: " ").last)
        let der = try #require(Base64.decode(String(base64)))
        let key = try P256.Signing.PublicKey(derRepresentation: der)
        #expect(AsymmetricKeys.p256PublicKey(key.pemRepresentation)?.rawRepresentation == key.rawRepresentation)
        #expect(AsymmetricKeys.p256PublicKey(Hex.encode(Array(key.x963Representation)))?.rawRepresentation == key.rawRepresentation)
    }
}

/// Re-signing for a replay signs the URL the replay goes to.
@Suite struct URLResignTests {
    @Test func aReplayOfAURLSignedDeliveryIsSignedForItsNewURL() throws {
        let (config, vector) = try RecipeKindDiagnosisTests.vector("urlsigned")
        var settings = ProviderSettings()
        try settings.apply(ProviderConfiguration(yaml: config))
        let secret = try #require(vector.secret)
        try settings.addSecretArgument("urlsigned=\(secret)")
        let profile = try #require(settings.analyzer.profile(named: "urlsigned"))
        let body = Array((vector.body ?? "").utf8)
        let headers = vector.headers.map { HeaderField($0[0], $0[1]) }
        let newURL = "http://127.0.0.1:3000/hooks/sms?x=1"
        let resigned = try RequestResigner.resign(
            headers: headers, body: body, profile: profile, secret: ProviderSecret(provider: "urlsigned", value: secret, origin: "test"),
            timestamp: vector.now, url: newURL
        )
        var analyzer = settings.analyzer
        analyzer.pins.everywhere = "urlsigned"
        func status(_ headers: [HeaderField], at url: String) -> SignatureVerdict.Status {
            analyzer.exactURL = url
            return analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: body, receivedAt: vector.now)).signature.status
        }
        #expect(status(headers, at: try #require(vector.url)) == .valid)
        #expect(status(resigned, at: newURL) == .valid)
        #expect(status(headers, at: newURL) == .invalid)
    }
}

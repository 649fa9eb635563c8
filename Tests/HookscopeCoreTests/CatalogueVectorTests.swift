import Foundation
import Testing
@testable import HookscopeCore

/// Every vector file in `Vectors/` (docs/provider-catalogue.md, "Test vectors"): each
/// delivery is analysed pinned to its provider, with its secret, moment of receipt and URL,
/// and must get the verdict the file says. The files are made by scripts (the providers'
/// SDKs or independent implementations), never from hookscope's output.
@Suite struct CatalogueVectorTests {
    struct VectorFile: Decodable {
        var made_with: String?
        var config: String?
        var vectors: [Vector]
    }

    struct Vector: Decodable, CustomTestStringConvertible {
        var name: String
        var provider: String
        var expect: String
        var headers: [[String]]
        var body: String?
        var body_base64: String?
        var secret: String?
        var secrets: [String]?
        var now: Int64
        var method: String?
        var url: String?
        var reason_contains: [String]?
        /// Where the vector comes from: "published: URL", "sdk: package version, function"
        /// or "independent: ..." (recipe-kinds.json says it once, in its made_with).
        var source: String?

        var testDescription: String { "\(provider): \(name)" }
        var bodyBytes: [UInt8] { body_base64.flatMap(Base64.decode) ?? Array((body ?? "").utf8) }
        var target: String {
            guard let url, let base = SignedURL.Base(parsing: url), !base.path.isEmpty else { return "/" }
            return base.path
        }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    static func files() throws -> [(String, VectorFile)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            (name, try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: directory.appendingPathComponent(name))))
        }
    }

    static func cases() throws -> [(String, Vector)] {
        try files().flatMap { file in file.1.vectors.map { (file.1.config ?? "", $0) } }
    }

    @Test(arguments: try cases())
    func vectorGetsItsVerdict(config: String, vector: Vector) throws {
        var settings = ProviderSettings()
        if !config.isEmpty { try settings.apply(ProviderConfiguration(yaml: config)) }
        for secret in (vector.secrets ?? []) + [vector.secret].compactMap({ $0 }) {
            try settings.addSecretArgument("\(vector.provider)=\(secret)")
        }
        try settings.addPinArgument(vector.provider)
        var analyzer = settings.analyzer
        analyzer.exactURL = vector.url
        let request = SignedRequest(
            headers: vector.headers.map { HeaderField($0[0], $0[1]) }, body: vector.bodyBytes,
            receivedAt: vector.now, method: vector.method ?? "POST", target: vector.target
        )
        let verdict = analyzer.analyze(path: "/", request: request).signature
        #expect(verdict.status.rawValue == vector.expect, "\(vector.name) [\(vector.source ?? "recipe-kinds")]: \(verdict.reason ?? "")")
        for text in vector.reason_contains ?? [] {
            #expect(verdict.reason?.contains(text) == true, "\(vector.name): \(verdict.reason ?? "") lacks \(text)")
        }
    }

    /// V1: production detection, no pin: every built-in's first valid vector in its own
    /// delivery shape (headers and body as the provider sends them) is recognised as that
    /// provider among all 53 (for the entries without a documented recipe, their first
    /// delivery). Clerk, Resend, Brex and Replicate also carry Svix's published
    /// example (`{"test": …}` under Svix's or Standard Webhooks' headers), which is Svix's
    /// or Standard Webhooks' shape and is rightly not told apart from them.
    @Test func everyBuiltInIsDetectedWithoutAPin() throws {
        var detected = 0
        for (name, file) in try Self.files() where file.config == nil {
            let profile = try #require(BuiltInProviders.named(file.vectors.first?.provider ?? ""), "\(name)")
            // An entry without a documented recipe has no valid vector: its first one, in
            // the provider's shape all the same, is what detection must recognise.
            let vector = try #require(file.vectors.first {
                ($0.expect == "valid" || profile.signature == nil)
                    && (profile.recognition.payloadKeys.isEmpty || profile.recognition.matchesPayload(JSONPayload(body: $0.bodyBytes)))
            }, "\(name) has no valid vector in its own shape")
            let request = SignedRequest(
                headers: vector.headers.map { HeaderField($0[0], $0[1]) }, body: vector.bodyBytes,
                receivedAt: vector.now, method: vector.method ?? "POST", target: vector.target
            )
            #expect(ProviderAnalyzer().analyze(path: "/", request: request).provider == vector.provider, "\(name)")
            detected += 1
        }
        #expect(detected >= 50)
    }

    @Test func everyCatalogueProviderWithVectorsIsKnown() throws {
        for (name, file) in try Self.files() where file.config == nil {
            for vector in file.vectors {
                #expect(BuiltInProviders.named(vector.provider) != nil, "\(name): \(vector.provider) is not in the catalogue")
            }
        }
    }
}

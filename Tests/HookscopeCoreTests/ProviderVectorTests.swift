import Foundation
import Testing
@testable import HookscopeCore

/// One provider's vectors, `Vectors/<name>.json` (docs/provider-catalogue.md, "Test
/// vectors"), written by scripts/make-provider-vectors.py from published examples, official
/// SDKs or an independent implementation of the documented recipe (each vector says which):
/// never from hookscope's own output.
struct ProviderVectorFile: Decodable {
    let provider: String
    let made_with: String
    let vectors: [ProviderVector]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    /// Every file written by the provider script (the recipe-kind files have no `made_with`
    /// provider of their own and are checked by their own test).
    static let all: (files: [ProviderVectorFile], problems: [String]) = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var files: [ProviderVectorFile] = []
        var problems: [String] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            do {
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                guard (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["provider"] != nil else { continue }
                files.append(try JSONDecoder().decode(ProviderVectorFile.self, from: data))
            } catch {
                problems.append("\(name): \(error)")
            }
        }
        return (files, problems)
    }()
}

struct ProviderVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let provider: String
    let source: String
    /// The HMAC secret or shared token; for an asymmetric recipe, the public key. nil: the
    /// delivery is analysed without one (the no-recipe entries' "documentation is silent").
    let secret: String?
    /// The moment of receipt, unix seconds.
    let now: Int64
    let method: String?
    let url: String?
    let headers: [[String]]
    let body: String?
    let body_base64: String?
    /// The verdict status: valid, invalid, expired, malformed.
    let expect: String

    var testDescription: String { "\(provider): \(name)" }
    var bodyBytes: [UInt8] { body_base64.flatMap(Base64.decode) ?? Array((body ?? "").utf8) }
    var headerFields: [HeaderField] { headers.compactMap { $0.count == 2 ? HeaderField($0[0], $0[1]) : nil } }
}

/// The shape the issue asks of every provider's vectors; CatalogueVectorTests runs each
/// vector through the built-in entry and checks its verdict.
@Suite struct ProviderVectorTests {
    @Test func everyVectorFileReads() {
        #expect(ProviderVectorFile.all.problems.isEmpty, "\(ProviderVectorFile.all.problems)")
        #expect(ProviderVectorFile.all.files.count >= 43)
    }

    /// Every catalogue entry has its vectors, the nine first ones and the entries without a
    /// documented recipe (Contentful, ProductLift) included.
    @Test func everyEntryHasVectors() {
        let withVectors = Set(ProviderVectorFile.all.files.map(\.provider))
        for profile in BuiltInProviders.all {
            #expect(withVectors.contains(profile.name), "\(profile.name) has no Vectors/\(profile.name).json")
        }
        #expect(BuiltInProviders.all.count >= 50)
    }

    /// Each provider has two valid vectors or more, each with a tampered twin and, when its
    /// recipe signs a timestamp whose age is checked, a stale twin: the shape the issue asks
    /// of every provider. An entry without a documented recipe has two vectors or more and
    /// none of them may verify.
    @Test(arguments: ProviderVectorFile.all.files.map(\.provider))
    func everyProviderHasTwinnedVectors(provider: String) throws {
        let file = try #require(ProviderVectorFile.all.files.first { $0.provider == provider })
        let profile = try #require(BuiltInProviders.named(provider))
        guard let recipe = profile.signature else {
            #expect(file.vectors.count >= 2)
            #expect(file.vectors.allSatisfy { $0.expect != "valid" }, "\(provider) has no recipe, so nothing may verify")
            return
        }
        let valid = file.vectors.filter { $0.expect == "valid" && !$0.name.contains(",") }
        #expect(valid.count >= 2)
        for vector in valid {
            let twins = file.vectors.filter { $0.name.hasPrefix(vector.name + ",") }
            // One byte changed where the signature covers it (a shared token covers only itself).
            #expect(twins.contains { $0.expect == "invalid" && ($0.bodyBytes != vector.bodyBytes || $0.headers != vector.headers) },
                    "\(vector.name): no tampered twin")
        }
        if recipe.hasTimestamp {
            for vector in valid {
                #expect(file.vectors.contains { $0.name.hasPrefix(vector.name + ",") && $0.expect == "expired" }, "\(vector.name): no stale twin")
            }
        }
        #expect(file.vectors.allSatisfy { !$0.source.isEmpty && $0.provider == provider })
    }
}

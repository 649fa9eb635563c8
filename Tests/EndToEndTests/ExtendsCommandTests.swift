import Foundation
import Testing
import TestSupport

/// `extends:` from a config file through the real binary: a user's entry that takes Svix's
/// recipe verifies Svix's published example (Vectors/svix.json, from Svix's documentation)
/// under the user's own provider name, and a tampered body does not.
@Suite(.offThePool) struct ExtendsCommandTests {
    struct Vector: Decodable {
        var expect: String
        var headers: [[String]]
        var body: String?
        var secret: String?
        var now: Int64
    }

    struct File: Decodable { var vectors: [Vector] }

    @Test func aConfigEntryExtendingSvixVerifiesSvixsExample() throws {
        let url = RecipeKindEndToEndTests.root.appendingPathComponent("Tests/HookscopeCoreTests/Vectors/svix.json")
        let vector = try #require(try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).vectors.first { $0.expect == "valid" })
        let config = try RecipeKindEndToEndTests.write("""
            providers:
              myapp:
                recognise: { headers: [[svix-id, svix-signature]] }
                extends: svix
                signature: { source: https://example.com/our-hooks }
            """)
        for (body, status) in [(vector.body ?? "", Int32(0)), ((vector.body ?? "") + " ", Int32(1))] {
            var arguments = ["verify", "--config", config, "--provider", "myapp", "--secret", "myapp=\(vector.secret ?? "")",
                             "--now", String(vector.now), "--body-file", try RecipeKindEndToEndTests.write(body)]
            for header in vector.headers { arguments += ["--header", "\(header[0]): \(header[1])"] }
            let run = try HookscopeCommand.run(arguments, environment: ProviderEndToEndTests.isolated)
            #expect(run.status == status, "\(run.stdout) \(run.stderr)")
            #expect(run.stdout.contains("myapp"), "\(run.stdout)")
            #expect(run.stdout.contains(status == 0 ? "✓ valid" : "✗ invalid"), "\(run.stdout)")
        }
    }
}

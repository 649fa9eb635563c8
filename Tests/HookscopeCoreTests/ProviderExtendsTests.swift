import Testing
@testable import HookscopeCore

/// `extends: NAME` (docs/provider-catalogue.md): a config entry takes a built-in's recipe and
/// replaces only the keys it gives; the catalogue's Svix and Standard Webhooks kin use it too.
@Suite struct ProviderExtendsTests {
    static func profiles(_ yaml: String) throws -> [ProviderProfile] {
        try ProviderConfiguration(yaml: yaml).profiles
    }

    @Test func aUsersEntryTakesTheBuiltInsRecipeAndItsOwnKeys() throws {
        let profile = try #require(try Self.profiles("""
            providers:
              myapp:
                recognise: { headers: [[svix-id, svix-signature]], payload: [myapp_event] }
                extends: svix
                signature: { tolerance: 60, source: https://example.com/myapp-hooks }
            """).first)
        let svix = try #require(BuiltInProviders.named("svix")?.signature)
        let recipe = try #require(profile.signature)
        #expect(recipe.header == svix.header && recipe.message == svix.message && recipe.format == svix.format)
        #expect(recipe.secretEncoding == svix.secretEncoding && recipe.idHeader == svix.idHeader)
        #expect(recipe.tolerance?.seconds == 60)
        #expect(profile.documentation.signatureSource == "https://example.com/myapp-hooks")
        #expect(profile.retries == .undocumented)   // only the recipe is taken
    }

    @Test func anotherEntryOfTheSameFileCanBeExtended() throws {
        let profiles = try Self.profiles("""
            providers:
              base:
                signature: { header: X-Base-Signature, prefix: "sha256=", encoding: hex }
              child:
                extends: base
                signature: { header: X-Child-Signature }
            """)
        let child = try #require(profiles.first { $0.name == "child" }?.signature)
        #expect(child.header == "X-Child-Signature" && child.format == .digest(prefix: "sha256="))
    }

    @Test func theCatalogueKinAreTheirBasesRecipe() throws {
        for (name, base) in [("clerk", "svix"), ("resend", "svix"), ("openai", "standard"), ("replicate", "standard")] {
            let recipe = try #require(BuiltInProviders.named(name)?.signature, "\(name)")
            var expected = try #require(BuiltInProviders.named(base)?.signature)
            expected.tolerance = recipe.tolerance
            expected.source = recipe.source
            #expect(recipe == expected, "\(name)")
            #expect(recipe.source != BuiltInProviders.named(base)?.signature?.source, "\(name) cites its own page")
        }
    }

    @Test(arguments: [
        ("extends: nosuch", "line 3: providers.x.extends: no provider 'nosuch'"),
        ("extends: productlift", "line 3: providers.x.extends: 'productlift' documents no recipe"),
    ])
    func aBadBaseIsNamedWithItsKey(line: String, message: String) {
        let error = #expect(throws: ProviderConfiguration.Problem.self) {
            try Self.profiles("providers:\n  x:\n    \(line)\n")
        }
        #expect(error?.description.hasPrefix(message) == true, "\(String(describing: error))")
    }
}

import Testing
@testable import HookscopeCore

@Suite struct ProviderConfigurationTests {
    static func settings(yaml: String) throws -> ProviderSettings {
        var settings = ProviderSettings()
        try settings.apply(ProviderConfiguration(yaml: yaml))
        return settings
    }

    /// A user-defined provider verifies deliveries signed by the independent script.
    @Test(arguments: SignatureVectors.customCases)
    func userDefinedProvider(vector: SignatureVector) throws {
        let analyzer = try Self.settings(yaml: SignatureVectors.customConfigYAML).analyzer
        let request = SignedRequest(
            headers: vector.headers.map { HeaderField($0.0, $0.1) }, body: Array(vector.body.utf8),
            receivedAt: SignatureVectors.receivedAt
        )
        let analysis = analyzer.analyze(path: "/anything", request: request)
        #expect(analysis.provider == vector.provider)
        #expect(analysis.signature.status.rawValue == vector.status, "\(analysis.signature.reason ?? "")")
        for words in vector.reasonContains {
            #expect(analysis.signature.reason?.contains(words) == true, "\(analysis.signature.reason ?? "")")
        }
        if vector.checksFields {
            #expect(analysis.event == vector.event)
            #expect(analysis.deliveryID == vector.deliveryID)
        }
    }

    @Test func secretsRoutesAndToleranceAreRead() throws {
        let config = try ProviderConfiguration(yaml: """
            tolerance: 90
            secrets:
              teamwork: tw-secret-one
              github: [gh-old, gh-new]
            routes:
              /hooks/tw: teamwork
              /gh/*: GitHub
            """)
        #expect(config.toleranceSeconds == 90)
        #expect(config.secrets.map(\.provider) == ["github", "github", "teamwork"])
        #expect(config.secrets.map(\.value) == ["gh-old", "gh-new", "tw-secret-one"])
        var settings = ProviderSettings()
        try settings.addSecretArgument("github=from-the-command-line")
        try settings.apply(config)
        #expect(settings.secrets.secrets(for: "github").map(\.value) == ["from-the-command-line", "gh-old", "gh-new"])
        #expect(settings.pins.provider(forPath: "/gh/x") == "github")
        #expect(settings.pins.provider(forPath: "/hooks/tw") == "teamwork")
        #expect(settings.toleranceOverride == TimestampTolerance(seconds: 90, origin: "config file"))
    }

    @Test func aUserProfileReplacesTheBuiltInOfTheSameName() throws {
        let settings = try Self.settings(yaml: """
            providers:
              teamwork:
                signature: { header: X-TW-Sig, encoding: base64 }
            """)
        #expect(settings.profiles.filter { $0.name == "teamwork" }.count == 1)
        #expect(settings.analyzer.profile(named: "teamwork")?.signature?.header == "X-TW-Sig")
    }

    @Test func answersAreReadForTheListenCommand() throws {
        let config = try ProviderConfiguration(yaml: """
        respond: 500x3,200
        rules:
          - provider=teamwork -> 503
          - POST /slow/** -> 200/delay=100
        """)
        #expect(config.respond == "500x3,200")
        #expect(config.rules == ["provider=teamwork -> 503", "POST /slow/** -> 200/delay=100"])
        #expect(throws: ProviderConfiguration.Problem.self) { try ProviderConfiguration(yaml: "rules: {a: b}") }
    }

    @Test func emptyFileConfiguresNothing() throws {
        #expect(try ProviderConfiguration(yaml: "") == ProviderConfiguration())
    }

    @Test(arguments: [
        ("secretz: {}", "line 1: secretz: unknown key (expected one of:"),
        ("providers: {acme: {signature: {header: X, encoding: hexx}}}", "providers.acme.signature.encoding: expected hex, base64 or base64url"),
        ("providers: {acme: {signature: {header: X, encoding: hex, message: '{nope}.{body}'}}}", "is not a message template"),
        ("providers: {acme: {signature: {header: X, encoding: hex, message: '{timestamp}.{body}'}}}", "give timestamp_header"),
        ("providers: {acme: {signature: {header: X, encoding: hex, message: '{id}.{body}'}}}", "give id_header"),
        ("providers: {acme: {signature: {encoding: hex}}}", "providers.acme.signature: missing 'header'"),
        ("providers: {acme: {event: 'type'}}", "providers.acme.event: expected header:<Name> or body:<path>"),
        ("routes: {hooks: teamwork}", "routes.hooks: a route is a path starting with /"),
        ("tolerance: soon", "tolerance: expected a whole number"),
        ("secrets: [a, b]", "secrets: expected a mapping"),
        ("key: [unclosed", "not valid YAML"),
    ])
    func problemsSayWhereTheyAre(yaml: String, expected: String) {
        do {
            _ = try ProviderConfiguration(yaml: yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }
}

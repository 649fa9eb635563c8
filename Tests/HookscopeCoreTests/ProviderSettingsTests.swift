import Testing
@testable import HookscopeCore

@Suite struct ProviderSettingsTests {
    @Test func secretArgumentKeepsEqualsSignsInTheSecret() throws {
        var settings = ProviderSettings()
        try settings.addSecretArgument("standard=whsec_abc==")
        #expect(settings.secrets.secrets(for: "standard").map(\.value) == ["whsec_abc=="])
    }

    @Test func secretArgumentProblemsAreExplained() {
        var settings = ProviderSettings()
        #expect(throws: ProviderSettings.UsageError.self) { try settings.addSecretArgument("no-equals-sign") }
        #expect(throws: ProviderSettings.UsageError.self) { try settings.addSecretArgument("teamwork=") }
        #expect(throws: ProviderSettings.UsageError.self) { try settings.addSecretArgument("bad name=x") }
    }

    @Test func environmentSecretsMapBackToProviderNames() {
        var settings = ProviderSettings()
        settings.addSecrets(fromEnvironment: ["HOOKSCOPE_SECRET_TEAMWORK": "tw-secret", "PATH": "/bin", "HOOKSCOPE_SECRET_": "x"])
        #expect(settings.secrets.all == [ProviderSecret(provider: "teamwork", value: "tw-secret", origin: "HOOKSCOPE_SECRET_TEAMWORK")])
    }

    @Test func commandSecretWithoutProviderPrefixBelongsToTheNamedProvider() throws {
        var settings = ProviderSettings()
        try settings.addCommandSecret("abc=def", provider: "teamwork")
        try settings.addCommandSecret("github=ghsecret", provider: "teamwork")
        #expect(settings.secrets.secrets(for: "teamwork").map(\.value) == ["abc=def"])
        #expect(settings.secrets.secrets(for: "github").map(\.value) == ["ghsecret"])
        #expect(throws: ProviderSettings.UsageError.self) { try settings.addCommandSecret("plain", provider: nil) }
    }

    @Test func pinsByPathWinOverTheGlobalPin() throws {
        var settings = ProviderSettings()
        try settings.addPinArgument("teamwork")
        try settings.addPinArgument("/gh/*=github")
        try settings.addPinArgument("/gh/special=stripe")
        #expect(settings.pins.provider(forPath: "/gh/x") == "github")
        #expect(settings.pins.provider(forPath: "/gh/special") == "stripe")
        #expect(settings.pins.provider(forPath: "/other") == "teamwork")
        try settings.validate()
    }

    @Test func unknownPinnedProviderIsAUsageError() throws {
        var settings = ProviderSettings()
        try settings.addPinArgument("nosuch")
        #expect(throws: ProviderSettings.UsageError.self) { try settings.validate() }
        try settings.addSecretArgument("nosuch=secret-for-discovery")
        try settings.validate()
    }

    @Test func secretLabelsNeverRevealTheSecret() {
        let long = ProviderSecret(provider: "teamwork", value: "twabcdefghijkl3f", origin: "--secret")
        #expect(long.label == "tw…3f")
        #expect(ProviderSecret(provider: "x", value: "abcdefg", origin: "").label == "a…g")
        #expect(ProviderSecret(provider: "x", value: "abc", origin: "").label == "…(3 chars)")
    }

    @Test func secretsSummaryShowsLabelsOnly() throws {
        var settings = ProviderSettings()
        #expect(settings.secretsSummary == nil)
        try settings.addSecretArgument("github=gh_hook_secret_abcdef")
        try settings.addSecretArgument("teamwork=bea1ffc4e56d5056b6e0c7ee24b47b5")
        try settings.addSecretArgument("teamwork=old-bea1ffc4e56d5056b6e0c7e")
        #expect(settings.secretsSummary == "secrets: github (gh…ef), teamwork (2: be…b5, ol…7e)")
    }

    @Test func rotationSaysWhichSecretMatched() {
        let ring = SecretRing([
            ProviderSecret(provider: "github", value: "first-secret-value", origin: "--secret"),
            ProviderSecret(provider: "github", value: "second-secret-value", origin: "config"),
        ])
        #expect(ring.describe(ring.all[1]) == "se…ue (#2 of 2 for github, from config)")
    }

    @Test func toleranceOverrideIsUsedAndNamed() throws {
        var settings = ProviderSettings()
        try settings.setTolerance(seconds: 3600, origin: "--tolerance")
        let secret = ProviderSecret(provider: "stripe", value: "sk_test_secret", origin: "test")
        settings.secrets.add(secret)
        let body = Array("{}".utf8)
        let headers = try ProviderSigner.headers(for: BuiltInProviders.stripe, secret: secret, body: body, timestamp: 1000)
        let fresh = settings.analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: body, receivedAt: 1000 + 3000))
        #expect(fresh.signature.status == .valid)
        let stale = settings.analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: body, receivedAt: 1000 + 3700))
        #expect(stale.signature.status == .expired)
        #expect(stale.signature.reason?.contains("tolerance 1 h (--tolerance)") == true)
    }

    @Test func productiveSaysItsToleranceIsOurDefault() throws {
        let secret = ProviderSecret(provider: "productive", value: "prod-secret-123", origin: "test")
        let body = Array("{}".utf8)
        let headers = try ProviderSigner.headers(for: BuiltInProviders.productive, secret: secret, body: body, timestamp: 0)
        let verdict = ProviderAnalyzer(secrets: SecretRing([secret])).analyze(path: "/", request: SignedRequest(headers: headers, body: body, receivedAt: 301)).signature
        #expect(verdict.status == .expired)
        #expect(verdict.reason?.contains("5 min 1 s old; tolerance 5 min (hookscope default; the Productive documentation gives none)") == true)
    }
}

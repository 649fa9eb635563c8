import ArgumentParser
import Foundation
import HookscopeCore

/// `--secret` and `--config`, declared once for every command that verifies or signs
/// (listen and replay through `ProviderOptions`; verify, sign and send directly), so the
/// options read and behave the same everywhere.
struct SecretOptions: ParsableArguments {
    @Option(name: .customLong("secret"), help: ArgumentHelp(
        "A provider's secret, PROVIDER=SECRET, or SECRET alone where the command names the provider (verify, sign, send). Repeatable; several for one provider are all tried, for rotation, the first signs.",
        discussion: "Also read from HOOKSCOPE_SECRET_<PROVIDER> and the config file. Never printed in full. A name that is no provider (myapp=S) is allowed: its secret is only tried to discover how deliveries no provider recognises are signed; a name close to a provider's (githb) is refused as a typo.",
        valueName: "provider=secret"
    ))
    var secrets: [String] = []

    @Option(help: ArgumentHelp(
        "Config file with secrets, routes and user-defined providers (default: ~/.config/hookscope/config.yaml when it exists).",
        valueName: "file"
    ))
    var config: String?

    /// The secrets in order of precedence for rotation: command line first, then the
    /// environment, then the config file (which also brings its providers and pins).
    /// `add` reads one `--secret` argument: the commands differ only in whether a bare
    /// SECRET may stand for the provider they name.
    func settings(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        adding add: (inout ProviderSettings, String) throws -> Void
    ) throws -> ProviderSettings {
        var settings = ProviderSettings()
        try ProviderConfigLoader.apply(explicitPath: config, environment: environment, to: &settings, secretsFirst: { settings in
            for secret in secrets { try add(&settings, secret) }
            settings.addSecrets(fromEnvironment: environment)
        })
        return settings
    }

    /// What `sign` and `send` need: the settings and the named provider's profile.
    /// `commandSecrets` false leaves the command line's secrets out (a private key signs).
    func settings(forProvider provider: String, commandSecrets: Bool = true) throws -> (ProviderSettings, ProviderProfile) {
        let settings = try settings { settings, secret in
            if commandSecrets { try settings.addCommandSecret(secret, provider: provider) }
        }
        guard let profile = settings.analyzer.profile(named: provider) else {
            throw ProviderSettings.UsageError(settings.names.problem(with: provider, hasSecrets: false, needsProfile: true) ?? "unknown provider '\(provider)'")
        }
        try settings.validate()
        return (settings, profile)
    }
}

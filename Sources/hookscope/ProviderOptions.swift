import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeServer

/// Options that say how deliveries are recognised and verified.
struct ProviderOptions: ParsableArguments {
    @Option(name: .customLong("secret"), help: ArgumentHelp(
        "A provider's secret, PROVIDER=SECRET (repeatable; several for one provider are all tried, for rotation).",
        discussion: "Also read from HOOKSCOPE_SECRET_<PROVIDER> and the config file. Never printed in full.",
        valueName: "provider=secret"
    ))
    var secrets: [String] = []

    @Option(name: .customLong("provider"), help: ArgumentHelp(
        "Pin deliveries to a provider: NAME for every path, or /path=NAME (a trailing * pins a prefix). Repeatable.",
        valueName: "name|/path=name"
    ))
    var pins: [String] = []

    @Option(help: ArgumentHelp(
        "Config file with secrets, routes and user-defined providers (default: ~/.config/hookscope/config.yaml when it exists).",
        valueName: "file"
    ))
    var config: String?

    @Option(help: ArgumentHelp("Seconds a signed timestamp may be off from the time of receipt (default 300 per scheme).", valueName: "seconds"))
    var tolerance: Int?

    func validate() throws {
        do {
            _ = try makeSettings()
        } catch let error as ProviderSettings.UsageError {
            throw ValidationError(error.description)
        }
    }

    func makeAnalyzer() throws -> ExchangeAnalyzer {
        let analyzer = try makeSettings().analyzer
        return { exchange in analyzer.analyze(exchange) }
    }

    /// Everything the user said about providers, in order of precedence for rotation:
    /// command line first, then environment, then the config file.
    func makeSettings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProviderSettings {
        var settings = ProviderSettings()
        try ProviderConfigLoader.apply(explicitPath: config, environment: environment, to: &settings, secretsFirst: {
            for secret in secrets { try $0.addSecretArgument(secret) }
            $0.addSecrets(fromEnvironment: environment)
        })
        for pin in pins { try settings.addPinArgument(pin) }
        if let tolerance { try settings.setTolerance(seconds: tolerance, origin: "--tolerance") }
        try settings.validate()
        return settings
    }
}

/// Finds and applies the config file. UNFINISHED: user-defined profiles from a config file
/// are not read yet; an explicit --config is refused so nobody thinks it was applied.
enum ProviderConfigLoader {
    static func apply(
        explicitPath: String?, environment: [String: String], to settings: inout ProviderSettings,
        secretsFirst: (inout ProviderSettings) throws -> Void
    ) throws {
        try secretsFirst(&settings)
        if let explicitPath {
            throw ProviderSettings.UsageError("--config \(explicitPath): config files are not supported yet")
        }
    }
}

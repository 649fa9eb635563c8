import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeServer

/// Options that say how deliveries are recognised and verified.
struct ProviderOptions: ParsableArguments {
    @OptionGroup var secretOptions: SecretOptions

    @Option(name: .customLong("provider"), help: ArgumentHelp(
        "Pin deliveries to a provider: NAME for every path, or /path=NAME (a trailing * pins a prefix). Repeatable.",
        valueName: "name|/path=name"
    ))
    var pins: [String] = []

    @Option(help: ArgumentHelp("Seconds a signed timestamp may be off from the time of receipt (default 300 per scheme).", valueName: "seconds"))
    var tolerance: Int?

    func validate() throws {
        do {
            _ = try makeSettings()
        } catch let error as ProviderSettings.UsageError {
            throw ValidationError(error.description)
        }
    }

    /// Everything the user said about providers, in order of precedence for rotation:
    /// command line first, then environment, then the config file.
    func makeSettings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProviderSettings {
        // Listen and replay name no provider of their own: each secret says whose it is.
        var settings = try secretOptions.settings(environment: environment) { try $0.addSecretArgument($1) }
        for pin in pins { try settings.addPinArgument(pin) }
        if let tolerance { try settings.setTolerance(seconds: tolerance, origin: "--tolerance") }
        try settings.validate()
        return settings
    }
}

extension ProviderOptions {
    /// The config file in force (--config, else the default location when it exists), for
    /// the parts of it that are not about providers (answers); nil when there is none.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProviderConfiguration? {
        guard let path = secretOptions.config ?? ProviderConfigLoader.defaultPath(environment: environment),
              let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            var configuration = try ProviderConfiguration(yaml: String(decoding: data, as: UTF8.self), origin: "config file")
            configuration.file = path
            return configuration
        } catch let problem as ProviderConfiguration.Problem {
            throw ValidationError(problem.located(in: path))
        }
    }
}

/// Finds and applies the config file: --config, else the default location when it exists.
enum ProviderConfigLoader {
    static func apply(
        explicitPath: String?, environment: [String: String], to settings: inout ProviderSettings,
        secretsFirst: (inout ProviderSettings) throws -> Void
    ) throws {
        try secretsFirst(&settings)
        guard let path = explicitPath ?? defaultPath(environment: environment) else { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProviderSettings.UsageError("cannot read the config file \(path)")
        }
        do {
            try settings.apply(ProviderConfiguration(yaml: String(decoding: data, as: UTF8.self), origin: "config file"))
        } catch let problem as ProviderConfiguration.Problem {
            throw ProviderSettings.UsageError(problem.located(in: path))
        }
    }

    /// `$XDG_CONFIG_HOME/hookscope/config.yaml` or `~/.config/hookscope/config.yaml`, when it exists.
    static func defaultPath(environment: [String: String]) -> String? {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.config" }
        guard let base else { return nil }
        let path = base + "/hookscope/config.yaml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

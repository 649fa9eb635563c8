import ArgumentParser
import Foundation
import HookscopeCore

/// `hookscope providers [NAME]`: the catalogue (and the config file's own providers).
struct Providers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the providers hookscope knows, or show one in full.",
        discussion: """
        Example: hookscope providers stripe
        With NAME: every fact of the entry, where each comes from, and what its documentation does not say.
        """
    )

    @Argument(help: ArgumentHelp("A provider to show in full.", valueName: "name"))
    var name: String?

    @Flag(help: "Print the README's provider table (Markdown) instead.")
    var markdown = false

    @Option(help: ArgumentHelp("Config file (default: ~/.config/hookscope/config.yaml when it exists).", valueName: "file"))
    var config: String?

    func run() throws {
        var settings = ProviderSettings()
        do {
            try ProviderConfigLoader.apply(explicitPath: config, environment: ProcessInfo.processInfo.environment, to: &settings, secretsFirst: { _ in })
        } catch let error as ProviderSettings.UsageError {
            Verify.fail(error.description)
        }
        if markdown {
            print(ProviderDescription.markdownTable(settings.profiles))
            return
        }
        guard let name else {
            print(Self.safe(ProviderDescription.list(settings.profiles)))
            return
        }
        guard let profile = settings.profiles.first(where: { $0.name == name.lowercased() }) else {
            let near = settings.names.nearMiss(name).map { "; did you mean '\($0)'?" } ?? ""
            Verify.fail("unknown provider '\(TerminalSafeText.string(name))'\(near); known: \(settings.profiles.map(\.name).joined(separator: ", "))")
        }
        print(Self.safe(ProviderDescription.details(profile)))
    }

    /// Config-file entries are user text: every line made safe for the terminal.
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalSafeText.string(String($0)) }.joined(separator: "\n")
    }
}

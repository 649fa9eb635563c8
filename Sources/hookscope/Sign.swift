import ArgumentParser
import Foundation
import HookscopeCore

/// `hookscope sign`: the headers a provider would send for a body, for tests, docs and
/// hand-made deliveries (`curl -H ...`).
struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the headers a provider would send for a body.",
        discussion: """
        Example: hookscope sign --provider productive --secret S --body-file b.json --timestamp 1629793288
        The body is read from standard input when --body-file is not given. One 'Name: value' line per header; \
        for a signature carried in the body (Mailgun), the body with its signature fields filled in.
        """
    )

    @Option(help: ArgumentHelp("The provider whose recipe to use.", valueName: "name"))
    var provider: String

    @OptionGroup var secretOptions: SecretOptions

    @Option(name: .customLong("body-file"), help: ArgumentHelp("The body, byte for byte.", valueName: "file"))
    var bodyFile: String?

    @Option(help: ArgumentHelp("Unix seconds to sign with (default: now).", valueName: "unix-seconds"))
    var timestamp: Int64?

    @Option(help: ArgumentHelp("Message or delivery id, for providers that send or sign one (default: a random msg_ id where one is required).", valueName: "id"))
    var id: String?

    @Option(help: ArgumentHelp("The event name, for providers that send it in a header.", valueName: "event"))
    var event: String?

    @Option(help: ArgumentHelp("The URL the delivery goes to, for recipes that sign it (Twilio, Square).", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("The request method, for recipes that sign it (default: POST).", valueName: "method"))
    var method = "POST"

    @Option(name: .customLong("header"), help: ArgumentHelp("A header the request carries, 'Name: value' (repeatable), for recipes that sign one whose value hookscope cannot make up (Zendesk's timestamp); printed with the others.", valueName: "header"))
    var headers: [String] = []

    @Option(name: .customLong("private-key"), help: ArgumentHelp("PEM private key (PKCS#8), for recipes signed with a key pair (Ed25519, ECDSA P-256).", valueName: "file"))
    var privateKey: String?

    func run() throws {
        do {
            let (settings, profile) = try secretOptions.settings(forProvider: provider, commandSecrets: privateKey == nil)
            let keyText = try privateKey.map { String(decoding: try Verify.read($0), as: UTF8.self) }
            if profile.signature?.kind.isAsymmetric == true, keyText == nil {
                throw ProviderSettings.UsageError("\(profile.displayName) signs with a private key: give it with --private-key FILE (PEM)")
            }
            let fromKey = keyText.map { ProviderSecret(provider: profile.name, value: $0, origin: "--private-key") }
            guard let chosen = fromKey ?? settings.secrets.secrets(for: profile.name).first else {
                throw ProviderSettings.UsageError("no secret for \(profile.name): pass --secret or set \(SignatureVerifier.environmentName(for: profile.name))")
            }
            let body = try bodyFile.map(Verify.read) ?? Array(FileHandle.standardInput.readDataToEndOfFile())
            var messageID = id
            if messageID == nil, profile.signature?.message.parts.contains(.id) == true {
                messageID = "msg_" + Hex.encode((0..<12).map { _ in UInt8.random(in: 0...255) })
            }
            if let recipe = profile.signature, recipe.bodyPath != nil {
                // Mailgun's layout: the signature is written into the body, which is printed.
                let signedBody = try ProviderSigner.signedBody(
                    recipe: recipe, secret: chosen, body: body, timestamp: timestamp ?? Timestamp.now().nanosecondsSinceEpoch / 1_000_000_000
                )
                FileHandle.standardOutput.write(Data(signedBody))
                return
            }
            let given = try headers.map(Verify.parseHeader)
            let signed = try ProviderSigner.headers(
                for: profile, secret: chosen, body: body,
                timestamp: timestamp ?? Timestamp.now().nanosecondsSinceEpoch / 1_000_000_000,
                id: messageID, event: event, url: url, method: method, sentHeaders: given
            )
            for header in given + signed { print("\(TerminalSafeText.string(header.name)): \(TerminalSafeText.string(header.value))") }
        } catch let error as ProviderSettings.UsageError {
            Verify.fail(error.description)
        } catch let error as ProviderSigner.SigningError {
            Verify.fail(error.description)
        }
    }
}

import ArgumentParser
import Foundation

@main
struct Hookscope: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookscope",
        abstract: "A local webhook inspector: capture, verify, answer and replay deliveries.",
        discussion: """
        With no subcommand, hookscope listens on http://127.0.0.1:8080 and reports every \
        delivery it receives. See `hookscope listen --help` for its options.
        """,
        version: "0.1.0",
        subcommands: [Listen.self, Attach.self, Verify.self, Sign.self, Providers.self, Export.self, Replay.self, Send.self, SmeeCommand.self],
        defaultSubcommand: Listen.self
    )

    /// ArgumentParser's own `main`, except that `hookscope verify` keeps its documented
    /// exit codes: 0 valid, 1 not valid, 2 usage error (ArgumentParser would say 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure, CommandLine.arguments.dropFirst().first == "verify" {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

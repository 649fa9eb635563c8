import ArgumentParser

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
        subcommands: [Listen.self, Verify.self, Sign.self, Export.self, Replay.self, Send.self],
        defaultSubcommand: Listen.self
    )
}

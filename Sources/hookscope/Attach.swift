import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeStore

/// `hookscope attach`: the terminal UI (or lines) over a shared store that listeners write
/// to with `listen --store`, from any machine that can reach the database.
struct Attach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the exchanges of a shared PostgreSQL store, history first, then live.",
        discussion: """
        Example: hookscope attach postgres://me@db.internal/hooks --since 2h
        With --forward, deliveries the listeners would answer by default are forwarded to your \
        app through the store (the tunnel) and its answer goes back to the sender: \
        hookscope attach postgres://me@db.internal/hooks --forward http://localhost:3000
        Ids are the store's: global across every listener writing to it. Signature verdicts are \
        computed again with this machine's secrets (--secret, HOOKSCOPE_SECRET_<PROVIDER>, the \
        config file) where it has one for the provider; secrets never go into the store.
        """
    )

    @Argument(help: ArgumentHelp("The store: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=require] (or HOOKSCOPE_STORE when omitted).", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("Start at this id (1200) or this far back (2h, 30m, 7d); default: the last --capacity exchanges.", valueName: "id|age"))
    var since: String?

    @Option(help: "Most exchanges kept in memory; the oldest are evicted.")
    var capacity = 10_000

    @Option(name: .customLong("max-memory"), help: "Most memory the exchanges shown take; the oldest are evicted.")
    var maxMemory = ByteSize(bytes: 256 * 1024 * 1024)

    @Flag(help: "Print one line per exchange even in a terminal.")
    var headless = false

    @Flag(help: "Print one JSON object per exchange (JSON Lines), with the store's ids.")
    var json = false

    @Option(name: .customLong("replay-to"), help: ArgumentHelp("Where r and e send exchanges again, e.g. http://localhost:3000 (asked for when not given).", valueName: "url"))
    var replayTo: String?

    @Option(help: ArgumentHelp("Milliseconds a replay waits for its answer.", valueName: "ms"))
    var timeout = 30_000

    @OptionGroup(title: "Providers and signatures")
    var providers: ProviderOptions

    @OptionGroup(title: "HTTPS to the replay target")
    var outgoingTLS: OutgoingTLSOptions

    @OptionGroup(title: "Forwarding to your app through the store (the tunnel)")
    var forwarding: ForwardOptions

    @Option(name: .customLong("drain-timeout"), help: ArgumentHelp(
        "Milliseconds quitting waits for the app's answers to forwards in flight, so they reach their senders (^C again stops at once).",
        valueName: "ms"))
    var drainTimeout = 5_000

    @OptionGroup(title: "The answer plan of every listener on the store")
    var sharedPlan: SharedPlanOptions

    func validate() throws {
        guard capacity >= 1 else { throw ValidationError("--capacity must be at least 1") }
        guard maxMemory.bytes >= 1024 else { throw ValidationError("--max-memory must be at least 1 KB") }
        _ = try start()
        if let replayTo, !(replayTo.hasPrefix("http://") || replayTo.hasPrefix("https://")) {
            throw ValidationError("--replay-to must start with http:// or https://")
        }
        // Checked as every other wait is: a huge value would overflow the deadline and trap.
        if let problem = WaitLimit.problem("--timeout", milliseconds: timeout, minimum: 1) { throw ValidationError(problem) }
        if let problem = WaitLimit.problem("--drain-timeout", milliseconds: drainTimeout, minimum: 0) { throw ValidationError(problem) }
        _ = try storeURL()
        if forwarding.forwardAlways {
            throw ValidationError("--forward-always is for listen: an attached forwarder only answers what the listener's plan leaves to its app")
        }
    }

    func storeURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StoreURL {
        guard let text = url ?? environment["HOOKSCOPE_STORE"].flatMap({ $0.isEmpty ? nil : $0 }) ?? (try? providers.configuration())??.store else {
            throw ValidationError("name the store: hookscope attach postgres://USER@HOST/DB (or set HOOKSCOPE_STORE)")
        }
        do {
            return try StoreURL(parsing: text)
        } catch let failure as StoreURL.Failure {
            throw ValidationError(failure.description)
        }
    }

    func start() throws -> StoreReader.Start {
        guard let since else { return .last(capacity) }
        do {
            return try StoreReader.Start(since: since)
        } catch {
            throw ValidationError("--since takes an id (1200) or an age (2h, 30m, 7d), got '\(since)'")
        }
    }

    func run() async throws {
        try await AttachSession(options: self).run()
    }
}

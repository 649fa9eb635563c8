import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeServer
import NIOCore

/// `hookscope replay`: sends saved exchanges again, for scripts (the terminal UI's `r`
/// uses the same `Replayer`).
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send saved exchanges again to a URL, byte for byte or re-signed.",
        discussion: """
        Example: hookscope replay --from captures.jsonl --id 17 --to http://localhost:3000 --resign --secret teamwork=S
        The target keeps the original path and query after the URL's own path prefix. Without --resign \
        the request is sent as captured, and a signed timestamp older than its tolerance is warned about. \
        Exit status: 0 when every replay got an HTTP answer, 1 otherwise.
        """
    )

    @Option(help: ArgumentHelp("A --save file (JSON Lines), a HAR archive, or a shared store (postgres://...).", valueName: "file|url"))
    var from: String

    @Option(help: ArgumentHelp("With a store: start at this id (1200) or this far back (2h, 7d); default: everything.", valueName: "id|age"))
    var since: String?

    @Option(name: .customLong("id"), help: ArgumentHelp("Replay this exchange (repeatable, in the order given; default: all).", valueName: "id"))
    var ids: [Int] = []

    @Option(help: ArgumentHelp("Where to send: http://host:port with an optional path prefix.", valueName: "url"))
    var to: String

    @Flag(help: "Refresh the signature (and timestamp, where the scheme has one) with the provider's secret.")
    var resign = false

    @Flag(name: .customLong("rewrite-host"), help: "Set Host to the target's host:port instead of keeping the original.")
    var rewriteHost = false

    @Option(help: ArgumentHelp("Milliseconds to wait for each answer.", valueName: "ms"))
    var timeout = 30_000

    @OptionGroup(title: "Providers and signatures")
    var providers: ProviderOptions

    @OptionGroup(title: "HTTPS to the target")
    var outgoingTLS: OutgoingTLSOptions

    func validate() throws {
        guard to.hasPrefix("http://") || to.hasPrefix("https://") else { throw ValidationError("--to must start with http:// or https://") }
        if let problem = WaitLimit.problem("--timeout", milliseconds: timeout, minimum: 1) { throw ValidationError(problem) }
    }

    func run() async throws {
        let exchanges: [Exchange]
        let analyzer: ProviderAnalyzer
        do {
            exchanges = try SavedExchanges.select(try await SavedExchanges.read(from, since: since), ids: ids)
            analyzer = try providers.makeSettings().analyzer
        } catch let failure as SavedExchanges.Failure {
            ListenSession.printError(failure.description)
            throw ExitCode(1)
        } catch let error as ProviderSettings.UsageError {
            ListenSession.printError(error.description)
            throw ExitCode(2)
        }
        let client = OutgoingHTTPClient(tls: try outgoingTLS.makeTLS())
        let replayer = Replayer(client: client, analyzer: analyzer, timeout: .milliseconds(Int64(timeout)), rewriteHost: rewriteHost)
        var allAnswered = true
        for exchange in exchanges {
            do {
                let outcome = try await replayer.replay(exchange, to: to, resign: resign)
                for warning in outcome.warnings { ListenSession.printError("warning: \(warning)\(warning.hasSuffix("re-signed") ? " (--resign with the secret)" : "")") }
                print(Self.describe(outcome))
                if case .failure = outcome.result { allAnswered = false }
            } catch let failure as ReplayPreparation.Failure {
                ListenSession.printError(failure.description)
                allAnswered = false
            }
        }
        await client.shutdown()
        if !allAnswered { throw ExitCode(1) }
    }

    /// `#17 POST /hooks/teamwork → 200 OK 12.3 ms (re-signed: teamwork (tw…3f))`
    static func describe(_ outcome: Replayer.Outcome) -> String {
        let e = outcome.original
        var line = "#\(e.id) \(TerminalSafeText.string(e.method)) \(TerminalSafeText.string(e.target)) → "
        switch outcome.result {
        case .success(let response):
            let reason = HTTPStatusText.reason(for: response.status)
            line += "\(response.status)\(reason.isEmpty ? "" : " " + reason) \(String(format: "%.1f", response.durationMilliseconds)) ms"
        case .failure(let failure):
            // The failure may quote the app's certificate: text from the network.
            line += "failed: \(TerminalSafeText.string("\(failure)"))"
        }
        if let resigned = outcome.resignedWith { line += " (re-signed: \(resigned))" }
        return line
    }
}

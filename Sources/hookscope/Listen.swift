import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeServer

struct Listen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the capture endpoint and report every delivery (the default command).",
        discussion: """
        In a terminal, hookscope opens its full-screen interface (press ? there for the keys). \
        Otherwise, or with --headless, it prints one line per completed exchange; with --json, \
        one JSON object per line on standard output. The banner and warnings go to standard error.
        """
    )

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    // Unconditional: `--port -1` is a value to refuse with the range, not a missing value.
    @Option(parsing: .unconditional, help: "Port to bind; 0 picks a free one.")
    var port = 8080

    @Option(name: .customLong("max-body"), help: "Largest body kept; larger ones get 413 and are stored truncated (e.g. 10MiB, 512k).")
    var maxBody = ByteSize(bytes: 10 * 1024 * 1024)

    @Option(help: "Most exchanges kept in memory; the oldest are evicted.")
    var capacity = 10_000

    @Option(name: .customLong("max-memory"), help: "Most memory the captured exchanges take (bodies, headers, strings and bookkeeping, as allocated); the oldest are evicted. The process itself comes on top: about 30 MiB at rest, plus requests in flight.")
    var maxMemory = ByteSize(bytes: 256 * 1024 * 1024)

    @Option(help: "Status code of the answer.")
    var status = 200

    @Option(name: .customLong("response-body"), help: "Body of the answer (default: a small JSON naming the capture id).")
    var responseBody: String?

    @Option(name: .customLong("response-header"), help: "A header of the answer, 'Name: value' (repeatable).")
    var responseHeaders: [String] = []

    @Option(help: ArgumentHelp(
        "How to answer, in place of --status: 503, 500,500,200 (a sequence; the last repeats), 500x3,200 (fail the next 3), 429/retry-after=30, 200/delay=2000, 200/trickle=16:100, hang, close, reset.",
        valueName: "spec"
    ))
    var respond: String?

    @Option(name: .customLong("rule"), help: ArgumentHelp(
        "Answer matching deliveries differently: '[METHOD] [/path/glob] [provider=NAME] -> SPEC', e.g. 'provider=teamwork -> 500' (repeatable; the first match wins).",
        valueName: "rule"
    ))
    var rules: [String] = []

    @Flag(help: "Start with intercept on: each request waits for you to answer it (in the terminal UI) or for --intercept-timeout.")
    var intercept = false

    @Option(name: .customLong("intercept-timeout"), help: "Milliseconds an intercepted request waits before the default answer goes out (25000: under GitProductivity's 30 s limit).")
    var interceptTimeout = 25_000

    @Flag(help: "Print one line per delivery even in a terminal.")
    var headless = false

    @Flag(help: "Print one JSON object per completed exchange (JSON Lines).")
    var json = false

    @Option(help: "Append every completed exchange to this file as JSON Lines.")
    var save: String?

    @Option(help: "Read exchanges saved with --save into the store at start.")
    var load: String?

    @Option(name: .customLong("idle-timeout"), help: "Seconds a kept-alive connection may wait for its next request.")
    var idleTimeout = 60.0

    @Option(name: .customLong("header-timeout"), help: "Seconds from a request's first byte to the end of its headers (slowloris guard); 408 after.")
    var headerTimeout = 10.0

    @Option(name: .customLong("body-timeout"), help: "Seconds allowed between two pieces of a body; 408 after, and the partial request is kept.")
    var bodyTimeout = 30.0

    @Option(name: .customLong("max-connections"), help: "Connections open at once; more are closed when accepted.")
    var maxConnections = 1024

    @Option(name: .customLong("max-uri"), help: "Longest request target (path and query) accepted; longer ones get 414 and are listed.")
    var maxURI = ByteSize(bytes: 16 * 1024)

    @Option(help: "Event loop threads.")
    var threads = 1

    @OptionGroup(title: "Forwarding to your app")
    var forwarding: ForwardOptions

    @OptionGroup(title: "HTTPS to your app (--forward, the UI's replays)")
    var outgoingTLS: OutgoingTLSOptions

    @OptionGroup(title: "Providers and signatures")
    var providers: ProviderOptions

    @OptionGroup(title: "Receiving from the internet")
    var ingress: IngressOptions

    @OptionGroup(title: "Shared store (PostgreSQL)")
    var storing: StoreOptions

    @OptionGroup(title: "Forwarding through the shared store (attach --forward)")
    var remoteForward: RemoteForwardOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let problem = AnswerStatus.problem(with: status) { throw ValidationError("--status: \(problem)") }
        guard capacity >= 1 else { throw ValidationError("--capacity must be at least 1") }
        guard maxBody.bytes >= 0 else { throw ValidationError("--max-body must not be negative") }
        guard maxMemory.bytes >= 1024 else { throw ValidationError("--max-memory must be at least 1 KB") }
        for (name, seconds) in [("--idle-timeout", idleTimeout), ("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout)] {
            guard seconds > 0, seconds < 86_400 else { throw ValidationError("\(name) must be between 0 and 86400 seconds") }
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        if let problem = WaitLimit.problem("--intercept-timeout", milliseconds: interceptTimeout, minimum: 1) { throw ValidationError(problem) }
        if intercept, headless || json {
            // Refused, not warned: only the terminal UI answers held requests, so every
            // request would wait --intercept-timeout for nobody; a warning is easy to miss.
            throw ValidationError("--intercept needs the terminal UI to answer held requests; it cannot be used with --headless or --json")
        }
        if ingress.tunnel != nil, !["127.0.0.1", "localhost", "0.0.0.0", "::", "[::]"].contains(host.lowercased()) {
            // The tunnel is pointed at 127.0.0.1:PORT; a listener bound elsewhere never gets its traffic.
            throw ValidationError("--tunnel reaches the listener at 127.0.0.1; with --host \(host) it could not: bind 127.0.0.1 (the default), 0.0.0.0 or ::")
        }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64") }
        _ = try responsePlan()
        _ = try storing.storeURL(configuration: try providers.configuration())
    }

    var timeouts: ConnectionTimeouts {
        ConnectionTimeouts(
            idleMilliseconds: Int(idleTimeout * 1000),
            headerMilliseconds: Int(headerTimeout * 1000),
            bodyMilliseconds: Int(bodyTimeout * 1000)
        )
    }

    /// The answers asked for on the command line.
    func responsePlan() throws -> ResponsePlan {
        let headers = try parsedResponseHeaders()
        // The command line wins over the config file: its --respond replaces the file's,
        // and its rules are checked before the file's.
        let file = try providers.configuration()
        // A problem in the file's part names the key and its line.
        func parse<T>(_ fileKey: String?, _ parse: () throws -> T) throws -> T {
            do {
                return try parse()
            } catch let failure as AnswerSpecParser.Failure {
                throw ValidationError(fileKey.flatMap { key in file.map { $0.located(key, failure.message) } } ?? failure.message)
            }
        }
        var plan = ResponsePlan(status: status, headers: headers, body: responseBody)
        if let text = respond ?? file?.respond {
            let answers = try parse(respond == nil ? "respond" : nil) { try AnswerSpecParser.parseSequence(text, headers: headers, body: responseBody) }
            plan.answer(with: answers)
        }
        plan.rules = try rules.map { rule in try parse(nil) { try AnswerSpecParser.parseRule(rule) } }
            + (file?.rules ?? []).enumerated().map { index, rule in try parse("rules[\(index)]") { try AnswerSpecParser.parseRule(rule) } }
        return plan
    }

    func parsedResponseHeaders() throws -> [HeaderField] {
        try responseHeaders.map { line in
            guard let colon = line.firstIndex(of: ":") else {
                throw ValidationError("--response-header needs 'Name: value', got '\(line)'")
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }) else {
                throw ValidationError("--response-header has an invalid name in '\(line)'")
            }
            guard !value.utf8.contains(where: { $0 == 10 || $0 == 13 }) else {
                throw ValidationError("--response-header value must not contain line breaks")
            }
            return HeaderField(name, value)
        }
    }

    func run() async throws {
        let session = try ListenSession(options: self)
        let bodyless = session.plan.current.bodylessStatuses
        if responseBody != nil, !bodyless.isEmpty {
            ListenSession.printNotice(
                "warning: --response-body is not sent with \(bodyless.map(String.init).joined(separator: ", ")): HTTP answers with 204, 205 or 304, and every answer to HEAD, have no body"
            )
        }
        try await session.run()
    }
}

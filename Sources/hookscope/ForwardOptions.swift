import ArgumentParser
import HookscopeCore
import HookscopeServer
import NIOCore

/// `--forward` and its companions: hookscope between the sender and the user's app.
struct ForwardOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Send captured requests on to your app and answer with what it answers: a URL (http://localhost:3000, optionally with a path prefix) for every request, or 'CONDITIONS -> URL' for those that match, with the conditions of --rule ('/stripe/** -> http://localhost:3000/stripe', 'provider=github -> http://localhost:4000'). Repeatable: the first route that matches wins, then the plain URL; with none matching, the answer plan answers.",
        valueName: "[conditions ->] url"
    ))
    var forward: [String] = []

    @Option(name: .customLong("forward-timeout"), help: ArgumentHelp("Milliseconds the app has to answer; then the sender gets 504.", valueName: "ms"))
    var forwardTimeout = 30_000

    @Flag(name: .customLong("rewrite-host"), help: "Send Host as the app's host:port instead of the sender's.")
    var rewriteHost = false

    @Flag(name: .customLong("forward-always"), help: "Call the app even when a rule, sequence or intercept chooses the answer (the sender gets the chosen answer).")
    var forwardAlways = false

    func validate() throws {
        _ = try routes()
        if let problem = WaitLimit.problem("--forward-timeout", milliseconds: forwardTimeout, minimum: 1) { throw ValidationError(problem) }
        if forward.isEmpty, rewriteHost || forwardAlways {
            throw ValidationError("--rewrite-host and --forward-always need --forward")
        }
    }

    /// The routes of every `--forward`, or nil without one.
    func routes() throws -> ForwardRoutes? {
        guard !forward.isEmpty else { return nil }
        do {
            return try ForwardRoutes(forward.map(ForwardRoute.parse))
        } catch let failure as AnswerSpecParser.Failure {
            throw ValidationError(failure.message)
        }
    }

    /// - Parameter eventLoopGroup: the capture server's loops, so a forward runs on the
    ///   connection's own loop.
    /// - Parameter tls: which certificates an `https://` app is trusted with.
    func makeForwarder(maxBodyBytes: Int, eventLoopGroup: (any EventLoopGroup)? = nil, tls: OutgoingTLS = .systemDefault) throws -> Forwarder? {
        try routes().map {
            Forwarder(configuration: ForwardConfiguration(
                routes: $0, timeoutMilliseconds: forwardTimeout, rewriteHost: rewriteHost,
                alwaysCallUpstream: forwardAlways, maxBodyBytes: max(maxBodyBytes, 1024 * 1024)
            ), eventLoopGroup: eventLoopGroup, tls: tls)
        }
    }
}

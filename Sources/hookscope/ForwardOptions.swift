import ArgumentParser
import HookscopeCore
import HookscopeServer
import NIOCore

/// `--forward` and its companions: hookscope between the sender and the user's app.
struct ForwardOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Send every captured request on to this app (http://localhost:3000, optionally with a path prefix) and answer with what it answers.",
        valueName: "url"
    ))
    var forward: String?

    @Option(name: .customLong("forward-timeout"), help: ArgumentHelp("Milliseconds the app has to answer; then the sender gets 504.", valueName: "ms"))
    var forwardTimeout = 30_000

    @Flag(name: .customLong("rewrite-host"), help: "Send Host as the app's host:port instead of the sender's.")
    var rewriteHost = false

    @Flag(name: .customLong("forward-always"), help: "Call the app even when a rule, sequence or intercept chooses the answer (the sender gets the chosen answer).")
    var forwardAlways = false

    func validate() throws {
        if let forward {
            guard forward.hasPrefix("http://") || forward.hasPrefix("https://") else {
                throw ValidationError("--forward must start with http:// or https://")
            }
            guard ReplayPreparation.authority(of: forward) != nil else { throw ValidationError("--forward needs a host, e.g. http://localhost:3000") }
        }
        if let problem = WaitLimit.problem("--forward-timeout", milliseconds: forwardTimeout, minimum: 1) { throw ValidationError(problem) }
        if forward == nil, rewriteHost || forwardAlways {
            throw ValidationError("--rewrite-host and --forward-always need --forward")
        }
    }

    /// - Parameter eventLoopGroup: the capture server's loops, so a forward runs on the
    ///   connection's own loop.
    func makeForwarder(maxBodyBytes: Int, eventLoopGroup: (any EventLoopGroup)? = nil) -> Forwarder? {
        forward.map {
            Forwarder(configuration: ForwardConfiguration(
                upstream: $0, timeoutMilliseconds: forwardTimeout, rewriteHost: rewriteHost,
                alwaysCallUpstream: forwardAlways, maxBodyBytes: max(maxBodyBytes, 1024 * 1024)
            ), eventLoopGroup: eventLoopGroup)
        }
    }
}

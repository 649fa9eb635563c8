import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeServer
import HookscopeStore
import NIOPosix

/// `attach --forward`: the laptop's end of the self-hosted tunnel. The terminal UI marks
/// the deliveries this forwarder forwarded by its id (`HeaderInfo.ownForwarder`).
struct AttachForwarding {
    let claimer: RemoteForwardClaimer
    let forwarder: Forwarder
    let task: Task<Void, Never>

    /// What the top bar says while forwarding.
    var summary: String {
        "forwarding " + forwarder.configuration.routes.all.map(\.upstream).joined(separator: ", ") + " as \(claimer.who)"
    }

    /// A stop signal while it waits for its forwards in flight (the first after `q`, the
    /// second after ^C) stops the wait: the listener's plan answers what is left, as for
    /// a forwarder killed, except that it still unregisters.
    func stop(again signals: StopSignals) async {
        let claimer = self.claimer
        signals.onEveryStop { signal in claimer.stopWaiting(signal) }
        task.cancel()
        await task.value
        await forwarder.shutdown()
    }
}

extension AttachSession {
    /// Registers as a forwarder and starts claiming, when `--forward` is given; a store
    /// that refuses (a role that may only read) is one line and exit status 1.
    func startForwarding(report: @escaping @Sendable (RemoteForwardClaimer.Forwarded) -> Void) async throws -> AttachForwarding? {
        guard let routes = try options.forwarding.routes() else { return nil }
        let forwarder = Forwarder(configuration: ForwardConfiguration(
            routes: routes, timeoutMilliseconds: options.forwarding.forwardTimeout,
            rewriteHost: options.forwarding.rewriteHost, maxBodyBytes: 64 * 1024 * 1024))
        let claimer = RemoteForwardClaimer(
            connector: reader.connector, who: UserAtHost.current, routeValues: options.forwarding.forward, routes: routes,
            forward: { exchange, route in
                // The forward's future does not fail: a failure to reach the app is an outcome
                // (502/504 with why), as for `listen --forward`.
                let outcome = try? await forwarder.forward(exchange, along: route, on: MultiThreadedEventLoopGroup.singleton.next()).get()
                guard let outcome else {
                    // The claimer gives the sender a neutral 502 (forSender); this is for the record.
                    return RemoteForwardAnswer(
                        answer: PlannedAnswer(status: 502, source: .error),
                        upstream: UpstreamResponse(url: route.upstream, status: nil, durationMilliseconds: 0,
                                                   error: "the forward to \(route.upstream) failed", route: route.name))
                }
                return RemoteForwardAnswer(answer: outcome.answer, upstream: outcome.upstream)
            },
            report: report,
            drainPatience: .milliseconds(options.drainTimeout),
            // Quitting with forwards in flight waits a few seconds for them: said on stderr.
            notice: { ListenSession.printNotice($0) })
        do {
            try await claimer.open()
        } catch {
            await forwarder.shutdown()
            ListenSession.printError("cannot forward through the store: \(StoreConnector.reason(error))")
            throw ExitCode(1)
        }
        let task = Task { await claimer.run() }
        return AttachForwarding(claimer: claimer, forwarder: forwarder, task: task)
    }

    /// The headless line for one forwarded delivery.
    static func forwardedLine(_ forwarded: RemoteForwardClaimer.Forwarded) -> String {
        let exchange = forwarded.exchange
        let upstream = forwarded.answer.upstream
        var line = "forwarded \(exchange.method) \(exchange.target) to \(upstream.url): "
        if let status = upstream.status {
            line += "\(status) in \(DurationText.format(milliseconds: upstream.durationMilliseconds))"
        } else {
            line += upstream.error ?? "no answer"
        }
        if forwarded.late { line += " (too late: the listener had answered by its plan)" }
        return TerminalSafeText.string(line)
    }
}

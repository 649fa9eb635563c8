import Foundation
import HookscopeCore
import HookscopeServer

/// `--tunnel`: the supervisor made before the server (the signature recipes read its URL),
/// started once the listener has its port, and what the headless log says about it.
extension ListenSession {
    /// nil without `--tunnel`. `printsLines`: headless, so each state and the tunnel's error
    /// lines are printed as they come; the terminal UI shows the state in its top bar.
    func makeTunnel(printsLines: Bool) throws -> TunnelSupervisor? {
        guard let kind = try options.ingress.parsedTunnel() else { return nil }
        let givenURL = try options.ingress.parsedPublicURL()?.base
        return TunnelSupervisor(
            kind: kind, givenURL: givenURL, environment: ProcessInfo.processInfo.environment,
            onChange: { state, replaced in
                guard printsLines else { return }
                Self.printNotice(state.summary)
                if let url = state.url { Self.printNotice(PublicURLNotice.line(url, previous: replaced)) }
            },
            onErrorLine: { line in
                guard printsLines else { return }
                Self.printNotice("tunnel: \(kind.name): \(line)")
            }
        )
    }

    /// The server's analysis with the tunnel's URL of the moment, for the recipes that sign
    /// the URL.
    static func analyzer(_ base: ProviderAnalyzer, tunnel: TunnelSupervisor?) -> ExchangeAnalyzer {
        let current = currentAnalyzer(base, tunnel: tunnel)
        return { current().analyze($0) }
    }

    /// The provider analyzer with the public URL of the moment: the tunnel's while it is up,
    /// else `--public-url`'s. The capture's verdicts and the TUI's replays (the check, the
    /// re-signing, the replay's verdict) read the same one.
    static func currentAnalyzer(_ base: ProviderAnalyzer, tunnel: TunnelSupervisor?) -> @Sendable () -> ProviderAnalyzer {
        guard let tunnel else { return { base } }
        return {
            var analyzer = base
            analyzer.publicURL = tunnel.publicURL ?? base.publicURL
            return analyzer
        }
    }
}

extension ListenSession {
    /// `--source smee:URL`: nil without one. Headless, each channel's state is printed as it
    /// changes, after one line saying what a relay cannot do.
    func startRelays(server: CaptureServer, printsLines: Bool) throws -> RelaySources? {
        let channels = try options.ingress.smeeChannels()
        guard !channels.isEmpty else { return nil }
        if printsLines {
            for channel in channels {
                Self.printNotice("reading deliveries from smee channel \(channel): smee answers the senders itself (hookscope's answers do not reach them); bodies are exact only when its events carry rawdata")
            }
        }
        return RelaySources(channels: channels, server: server) { summary in
            if printsLines { Self.printNotice(summary) }
        }
    }
}

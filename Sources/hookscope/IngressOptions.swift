import ArgumentParser
import HookscopeCore
import HookscopeServer

/// How senders on the internet reach the listener: a public URL, HTTPS, tunnels, relays.
struct IngressOptions: ParsableArguments {
    @Option(name: .customLong("public-url"), help: ArgumentHelp(
        "Where senders reach this listener (a reverse proxy, Tailscale Funnel, a cloud VM); shown in the top bar, used by the curl export and by recipes that sign the URL.",
        valueName: "url"
    ))
    var publicURL: String?

    @Option(name: .customLong("tunnel"), help: ArgumentHelp(
        "Start a tunnel to this listener and show its public URL: cloudflared (a quick tunnel, no account), ngrok (your authtoken), or ssh:HOST[:PORT] (ssh -R; localhost.run and serveo print the URL, other hosts need --public-url). The program must be on PATH; it is never downloaded.",
        valueName: "kind"
    ))
    var tunnel: String?

    @Option(name: .customLong("source"), help: ArgumentHelp(
        "Also record the deliveries of a smee channel (smee:https://smee.io/CHANNEL, or any server speaking smee's protocol); repeatable. smee answers the senders itself, and bodies are exact only when its events carry rawdata.",
        valueName: "smee:url"
    ))
    var sources: [String] = []

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key.", valueName: "file"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The PEM private key of --tls-cert (not encrypted).", valueName: "file"))
    var tlsKey: String?

    func validate() throws {
        _ = try parsedPublicURL()
        _ = try smeeChannels()
        if let kind = try parsedTunnel(), publicURL != nil, kind == .cloudflared || kind == .ngrok {
            throw ValidationError("--public-url and --tunnel \(kind.executable) do not go together: the tunnel finds its own URL (--public-url goes with --tunnel ssh:HOST, for hosts that print none)")
        }
        if tunnel != nil, tlsCertificate != nil {
            // The tunnel ends TLS itself and speaks plain HTTP to the listener.
            throw ValidationError("--tunnel and --tls-cert do not go together: the tunnel serves HTTPS to senders and reaches the listener over plain HTTP on this machine")
        }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: give both or neither")
        }
    }

    /// The certificate and key, read and checked; nil without --tls-cert.
    func listenerTLS() throws -> ListenerTLS? {
        guard let tlsCertificate, let tlsKey else { return nil }
        return try ListenerTLS(certificatePath: tlsCertificate, keyPath: tlsKey)
    }

    /// The smee channels of `--source`, checked.
    func smeeChannels() throws -> [String] {
        try sources.map { source in
            guard source.lowercased().hasPrefix("smee:") else {
                throw ValidationError("--source '\(TerminalSafeText.string(source))' is not smee:URL (e.g. smee:https://smee.io/CHANNEL)")
            }
            let url = String(source.dropFirst("smee:".count))
            do {
                let checked = try PublicURL(url, naming: "a smee channel URL")
                guard SmeeDelivery.hostAndPath(of: checked.base).path != "/" else {
                    throw ValidationError("--source \(url): a smee URL names its channel (https://smee.io/CHANNEL; hookscope smee new makes one)")
                }
                return checked.base
            } catch let problem as PublicURL.Problem {
                throw ValidationError("--source \(problem.description)")
            }
        }
    }

    func parsedTunnel() throws -> TunnelKind? {
        do {
            return try tunnel.map(TunnelKind.init(parsing:))
        } catch let problem as TunnelKind.Problem {
            throw ValidationError(problem.description)
        }
    }

    func parsedPublicURL() throws -> PublicURL? {
        do {
            return try publicURL.map(PublicURL.init)
        } catch let problem as PublicURL.Problem {
            throw ValidationError("--public-url: \(problem.description)")
        }
    }
}

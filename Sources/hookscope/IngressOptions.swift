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

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key.", valueName: "file"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The PEM private key of --tls-cert (not encrypted).", valueName: "file"))
    var tlsKey: String?

    func validate() throws {
        _ = try parsedPublicURL()
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: give both or neither")
        }
    }

    /// The certificate and key, read and checked; nil without --tls-cert.
    func listenerTLS() throws -> ListenerTLS? {
        guard let tlsCertificate, let tlsKey else { return nil }
        return try ListenerTLS(certificatePath: tlsCertificate, keyPath: tlsKey)
    }

    func parsedPublicURL() throws -> PublicURL? {
        do {
            return try publicURL.map(PublicURL.init)
        } catch let problem as PublicURL.Problem {
            throw ValidationError("--public-url: \(problem.description)")
        }
    }
}

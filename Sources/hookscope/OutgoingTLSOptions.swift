import ArgumentParser
import HookscopeServer

/// `--ca-cert` and `--insecure`, declared once for every command that sends to the user's
/// app over `https://` (listen's --forward and the TUI's replay, replay, send).
struct OutgoingTLSOptions: ParsableArguments {
    @Option(name: .customLong("ca-cert"), help: ArgumentHelp(
        "Trust this PEM certificate (a self-signed one, or the authority that issued the app's) for https:// URLs, as well as the system's authorities.",
        valueName: "file"
    ))
    var caCert: String?

    @Flag(help: "Do not check the certificate of https:// URLs at all (still encrypted, but anyone in between could read it). Prefer --ca-cert.")
    var insecure = false

    /// The checked settings, or one line about the file; `--insecure` prints its warning.
    func makeTLS() throws -> OutgoingTLS {
        let tls: OutgoingTLS
        do {
            tls = try OutgoingTLS(authorityPath: caCert, insecure: insecure)
        } catch let problem as OutgoingTLS.Problem {
            ListenSession.printError(problem.description)
            throw ExitCode(1)
        }
        if insecure {
            ListenSession.printNotice("warning: --insecure: certificates of https:// URLs are not checked; anyone between hookscope and the app can read and change the traffic")
        }
        return tls
    }
}

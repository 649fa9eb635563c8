import ArgumentParser
import HookscopeCore

/// How senders on the internet reach the listener: a public URL, HTTPS, tunnels, relays.
struct IngressOptions: ParsableArguments {
    @Option(name: .customLong("public-url"), help: ArgumentHelp(
        "Where senders reach this listener (a reverse proxy, Tailscale Funnel, a cloud VM); shown in the top bar, used by the curl export and by recipes that sign the URL.",
        valueName: "url"
    ))
    var publicURL: String?

    func validate() throws {
        _ = try parsedPublicURL()
    }

    func parsedPublicURL() throws -> PublicURL? {
        do {
            return try publicURL.map(PublicURL.init)
        } catch let problem as PublicURL.Problem {
            throw ValidationError("--public-url: \(problem.description)")
        }
    }
}

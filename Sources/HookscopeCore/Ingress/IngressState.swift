/// The state of a way in, a `--tunnel` or a `--source smee:` channel, as the banner, the
/// top bar and the headless log say it: honest about each moment, never "up" before the
/// URL is known.
public enum IngressState: Sendable, Equatable {
    case starting
    case up(url: String)
    /// `retryInSeconds` nil: it will not be restarted (the program is missing).
    case down(reason: String, retryInSeconds: Int?)

    /// The tunnel's words: `tunnel: starting`, `tunnel: up https://…`, `tunnel: down (exited
    /// with status 1); restarting in 4 s`. Reasons come from the tunnel's own lines: made
    /// terminal-safe.
    public var summary: String { summary(label: "tunnel", restarting: "restarting") }

    /// The same words for another way in: `smee: down (…); reconnecting in 2 s`.
    public func summary(label: String, restarting: String) -> String {
        switch self {
        case .starting:
            return "\(label): starting"
        case .up(let url):
            return "\(label): up \(TerminalSafeText.string(url))"
        case .down(let reason, let retry):
            let text = "\(label): down (\(TerminalSafeText.string(reason)))"
            return retry.map { "\(text); \(restarting) in \($0) s" } ?? text
        }
    }

    public var url: String? {
        if case .up(let url) = self { url } else { nil }
    }
}

/// What hookscope says when a tunnel gives a public URL: the first one, and each that
/// differs from the one before. A tunnel that is restarted (cloudflared's quick tunnel,
/// ngrok without a reserved domain) comes back with a new URL, and senders given the old
/// one then reach nothing: that must not pass as one more "up".
public enum PublicURLNotice {
    /// `public URL: https://… (senders use this)`, or `public URL changed: NEW (was OLD):
    /// …`. Terminal-safe, whatever the tunnel said.
    public static func line(_ url: String, previous: String?) -> String {
        let now = TerminalSafeText.string(url)
        guard let previous, previous != url else { return "public URL: \(now) (senders use this)" }
        return "public URL changed: \(now) (was \(TerminalSafeText.string(previous))): senders given the old one reach nothing now; give them this one"
    }
}

/// Which tunnel `listen --tunnel` starts, and how: the command line pointed at the
/// listener, the one line that says how to install it, and which of its lines are errors.
/// Facts from the tools' documentation (cloudflared quick tunnels, ngrok agent, ssh -R to
/// localhost.run and serveo), gathered in shared/ingress-facts.md.
public enum TunnelKind: Sendable, Equatable {
    /// `cloudflared tunnel --url http://127.0.0.1:PORT`: a quick tunnel, no account.
    case cloudflared
    /// `ngrok http PORT`: needs the user's authtoken; the URL comes from its local API.
    case ngrok
    /// `ssh -R 80:127.0.0.1:PORT HOST` (`nokey@localhost.run`, `serveo.net`, or a host of
    /// the user's own, whose URL is given with `--public-url`). `port` is ssh's own (`-p`).
    case ssh(host: String, port: Int?)

    /// Why a `--tunnel` value cannot be used, worded for the command line.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// `cloudflared`, `ngrok`, `ssh:HOST` or `ssh:HOST:PORT` (HOST may be `user@host`).
    public init(parsing text: String) throws {
        let usage = "--tunnel is cloudflared, ngrok or ssh:HOST[:PORT] (e.g. ssh:nokey@localhost.run)"
        switch text.lowercased() {
        case "cloudflared": self = .cloudflared
        case "ngrok": self = .ngrok
        default:
            guard text.lowercased().hasPrefix("ssh:") else {
                throw Problem(description: "'\(TerminalSafeText.string(text))' is not a tunnel; \(usage)")
            }
            var host = Substring(text.dropFirst(4))
            var port: Int?
            if let colon = host.lastIndex(of: ":"), let number = Int(host[host.index(after: colon)...]) {
                guard (1...65535).contains(number) else { throw Problem(description: "ssh port \(number) is not 1-65535; \(usage)") }
                port = number
                host = host[..<colon]
            }
            // The host goes to ssh as one argument: it must not look like an option or
            // carry anything a shell or a terminal would read.
            guard !host.isEmpty, !host.hasPrefix("-"),
                  host.allSatisfy({ $0.isLetter || $0.isNumber || "@.-_".contains($0) }) else {
                throw Problem(description: "'\(TerminalSafeText.string(String(host)))' is not an ssh host; \(usage)")
            }
            self = .ssh(host: String(host), port: port)
        }
    }

    /// The program looked up on PATH (never downloaded).
    public var executable: String {
        switch self {
        case .cloudflared: "cloudflared"
        case .ngrok: "ngrok"
        case .ssh: "ssh"
        }
    }

    /// The arguments that point the tunnel at the listener on `localPort`.
    public func arguments(localPort: Int) -> [String] {
        switch self {
        case .cloudflared:
            // --no-autoupdate: a supervised child must not replace itself.
            return ["tunnel", "--no-autoupdate", "--url", "http://127.0.0.1:\(localPort)"]
        case .ngrok:
            // Log lines instead of the full-screen console, which would fight the TUI.
            return ["http", String(localPort), "--log", "stdout", "--log-format", "json"]
        case .ssh(let host, let port):
            // BatchMode: never answer a host-key or password prompt on the user's behalf;
            // ssh says what failed instead, and that line is shown. -v: ssh then says when
            // the remote forward exists (`remote forward success`), the moment a host that
            // prints no URL is up; its debug lines are read, not shown.
            return ["-R", "80:127.0.0.1:\(localPort)", "-T", "-o", "BatchMode=yes", "-o", "ServerAliveInterval=30",
                    "-o", "ExitOnForwardFailure=yes", "-v"] + (port.map { ["-p", String($0)] } ?? []) + [host]
        }
    }

    /// The one line shown when the program is not on PATH.
    public var installHint: String {
        switch self {
        case .cloudflared:
            "cloudflared is not installed (not found on PATH): install it from https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/ (macOS: brew install cloudflared)"
        case .ngrok:
            "ngrok is not installed (not found on PATH): install it from https://ngrok.com/download, then run ngrok config add-authtoken TOKEN"
        case .ssh:
            "ssh is not installed (not found on PATH): install the OpenSSH client (Debian/Ubuntu: apt-get install openssh-client)"
        }
    }

    /// `cloudflared`, `ngrok`, `ssh nokey@localhost.run`: how the state line names it.
    public var name: String {
        switch self {
        case .cloudflared, .ngrok: executable
        case .ssh(let host, _): "ssh \(host)"
        }
    }
}

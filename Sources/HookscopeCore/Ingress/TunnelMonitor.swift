/// The tunnel's state, driven by what its child process does: it starts, prints lines,
/// its API answers (ngrok), it exits. Pure: the supervisor carries out the effects (start
/// the program, wait the backoff, ask the API) and reports back here.
public struct TunnelMonitor: Sendable {
    public let kind: TunnelKind
    /// The URL the user gave with `--public-url` (an ssh host that prints none): the tunnel
    /// is up with it once ssh says the remote forward exists, not before (ssh may still be
    /// logging in, or be refused the login or the forward).
    public let givenURL: String?
    public private(set) var state: IngressState = .starting
    /// The tunnel's last error line, made terminal-safe: the reason when it exits.
    public private(set) var lastError: String?
    /// Where ngrok's local API is asked (`http://HOST:PORT/api/tunnels`): nil until this
    /// run's log has said where it listens (whatever answers on 4040 before that may be
    /// another program, or another ngrok).
    public private(set) var ngrokAPI: (host: String, port: Int)?
    /// Why the URL ngrok's API gave was not used (terminal-safe), or nil.
    public private(set) var refusal: String?
    private var backoff = RestartBackoff()

    public init(kind: TunnelKind, givenURL: String? = nil) {
        self.kind = kind
        self.givenURL = givenURL
    }

    /// The child is running.
    public mutating func started() {
        lastError = nil
        ngrokAPI = nil
        refusal = nil
        state = .starting
    }

    /// One line of its output (standard output or error). Returns whether the state changed.
    @discardableResult
    public mutating func read(line: String) -> Bool {
        if let error = kind.errorText(inLine: line) { lastError = error }
        if kind == .ngrok, let address = TunnelURLFinder.ngrokWebAddress(inLogLine: line) { ngrokAPI = address }
        if let givenURL {
            return TunnelURLFinder.sshForwardIsEstablished(inLine: line) ? become(givenURL) : false
        }
        let found: String? = switch kind {
        case .cloudflared: TunnelURLFinder.cloudflaredURL(inLogLine: line)
        case .ssh: TunnelURLFinder.sshURL(inLine: line)
        case .ngrok: nil
        }
        return become(found)
    }

    /// ngrok's `/api/tunnels` answer. Returns whether the state changed.
    @discardableResult
    public mutating func read(ngrokAPI body: [UInt8], localPort: Int) -> Bool {
        guard givenURL == nil else { return false }
        if let url = TunnelURLFinder.ngrokURL(apiJSON: body, localPort: localPort) { return become(url) }
        if let bad = TunnelURLFinder.ngrokCandidates(apiJSON: body, localPort: localPort).first {
            refusal = "refused the public URL ngrok's API gave, it has characters a URL cannot have (controls, spaces, quotes): \(TerminalSafeText.string(bad))"
            lastError = refusal
        }
        return false
    }

    /// The child exited: the state says why and when it restarts; returns that delay.
    public mutating func exited(status: Int32, ranSeconds: Double) -> Int {
        let delay = backoff.delayAfterExit(ranSeconds: ranSeconds)
        let how = status == 0 ? "exited" : "exited with status \(status)"
        state = .down(reason: lastError.map { "\(how): \($0)" } ?? how, retryInSeconds: delay)
        return delay
    }

    /// The program is not on PATH: down for good, saying how to install it.
    public mutating func missing() {
        state = .down(reason: kind.installHint, retryInSeconds: nil)
    }

    private mutating func become(_ url: String?) -> Bool {
        guard let url, state != .up(url: url) else { return false }
        state = .up(url: url)
        return true
    }
}

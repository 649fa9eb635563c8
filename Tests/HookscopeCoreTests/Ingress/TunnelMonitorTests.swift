import Testing
@testable import HookscopeCore

/// `--tunnel`: the pure part. Lines and API answers shaped as the tools print them
/// (shared/ingress-facts.md), the state they lead to, and the backoff between restarts.
@Suite struct TunnelMonitorTests {
    static let cloudflaredLog = [
        "2026-12-01T10:00:00Z INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.",
        "2026-12-01T10:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...",
        "2026-12-01T10:00:01Z INF +--------------------------------------------------------------------------------------------+",
        "2026-12-01T10:00:01Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |",
        "2026-12-01T10:00:01Z INF |  https://seasonal-deck-organisms-sf.trycloudflare.com                                      |",
        "2026-12-01T10:00:01Z INF +--------------------------------------------------------------------------------------------+",
    ]

    @Test func parsesTheTunnelFlag() throws {
        #expect(try TunnelKind(parsing: "cloudflared") == .cloudflared)
        #expect(try TunnelKind(parsing: "NGROK") == .ngrok)
        #expect(try TunnelKind(parsing: "ssh:nokey@localhost.run") == .ssh(host: "nokey@localhost.run", port: nil))
        #expect(try TunnelKind(parsing: "ssh:serveo.net:2222") == .ssh(host: "serveo.net", port: 2222))
        for bad in ["localtunnel", "ssh:", "ssh:-oProxyCommand=x", "ssh:host:0", "ssh:a b", "ssh:h\u{1b}[2J"] {
            #expect(throws: TunnelKind.Problem.self, "\(bad)") { try TunnelKind(parsing: bad) }
        }
    }

    @Test func commandsPointAtTheListener() {
        #expect(TunnelKind.cloudflared.arguments(localPort: 8080) == ["tunnel", "--no-autoupdate", "--url", "http://127.0.0.1:8080"])
        #expect(TunnelKind.ngrok.arguments(localPort: 8080) == ["http", "8080", "--log", "stdout", "--log-format", "json"])
        let ssh = TunnelKind.ssh(host: "serveo.net", port: 2222).arguments(localPort: 9000)
        #expect(ssh.first == "-R")
        #expect(ssh[1] == "80:127.0.0.1:9000")
        #expect(ssh.contains("BatchMode=yes"))
        #expect(ssh.suffix(4) == ["-v", "-p", "2222", "serveo.net"])
    }

    @Test func cloudflaredsURLIsReadFromTheBoxInItsLog() {
        var monitor = TunnelMonitor(kind: .cloudflared)
        monitor.started()
        #expect(monitor.state == .starting)
        for line in Self.cloudflaredLog.dropLast(2) {
            let changed = monitor.read(line: line)
            #expect(!changed)
        }
        #expect(monitor.state == .starting)
        let found = monitor.read(line: Self.cloudflaredLog[4])
        #expect(found)
        #expect(monitor.state == .up(url: "https://seasonal-deck-organisms-sf.trycloudflare.com"))
        #expect(monitor.state.summary == "tunnel: up https://seasonal-deck-organisms-sf.trycloudflare.com")
        // The API host it asks for a tunnel is not the tunnel.
        #expect(TunnelURLFinder.cloudflaredURL(inLogLine: "INF requesting https://api.trycloudflare.com/tunnel") == nil)
    }

    @Test func sshHostsURLsAreFoundOnlyWhereTheHostPrintsThem() {
        #expect(TunnelURLFinder.sshURL(inLine: "Forwarding HTTP traffic from https://cafe.serveo.net") == "https://cafe.serveo.net")
        #expect(TunnelURLFinder.sshURL(inLine: "3a1b2c.lhr.life tunneled with tls termination, https://3a1b2c.lhr.life") == "https://3a1b2c.lhr.life")
        #expect(TunnelURLFinder.sshURL(inLine: "To set up and manage custom domains go to https://admin.localhost.run/") == nil)
        var own = TunnelMonitor(kind: .ssh(host: "me@box.example", port: nil), givenURL: "https://hooks.example.com")
        own.started()
        let moved = own.read(line: "Forwarding HTTP traffic from https://other.serveo.net")
        #expect(!moved)
        #expect(own.state == .starting)
    }

    /// A URL given for an ssh host is not up while ssh is still logging in: only once ssh
    /// says the remote forward exists; a refused login leaves it down with ssh's words.
    @Test func aGivenURLIsUpOnlyOnceSSHSaysTheForwardExists() {
        let kind = TunnelKind.ssh(host: "me@box.example", port: nil)
        var own = TunnelMonitor(kind: kind, givenURL: "https://hooks.example.com")
        own.started()
        #expect(own.state == .starting)
        for line in ["debug1: Connecting to box.example [192.0.2.7] port 22.", "debug1: Authentications that can continue: publickey",
                     "debug1: Trying private key: /home/me/.ssh/id_ed25519", "Welcome to box.example",
                     "debug1: remote forward failure for: listen 80, connect 127.0.0.1:8080"] {
            let changed = own.read(line: line)
            #expect(!changed, "\(line)")
            #expect(kind.errorText(inLine: line) == nil, "\(line)")
        }
        #expect(own.state == .starting)
        let up = own.read(line: "debug1: remote forward success for: listen 80, connect 127.0.0.1:8080")
        #expect(up)
        #expect(own.state == .up(url: "https://hooks.example.com"))

        var refused = TunnelMonitor(kind: kind, givenURL: "https://hooks.example.com")
        refused.started()
        refused.read(line: "me@box.example: Permission denied (publickey).")
        _ = refused.exited(status: 255, ranSeconds: 0.4)
        #expect(refused.state == .down(reason: "exited with status 255: me@box.example: Permission denied (publickey).", retryInSeconds: 1))
    }

    @Test func ngroksURLComesFromItsAPIForOurPort() {
        let api = """
        {"tunnels":[{"name":"other","public_url":"https://elsewhere.ngrok-free.app","proto":"https","config":{"addr":"http://localhost:3000","inspect":true}},
        {"name":"command_line","public_url":"https://1a2b-3c4d.ngrok-free.app","proto":"https","config":{"addr":"http://localhost:8080","inspect":true}}],"uri":"/api/tunnels"}
        """
        var monitor = TunnelMonitor(kind: .ngrok)
        monitor.started()
        let noTunnelYet = monitor.read(ngrokAPI: Array(#"{"tunnels":[],"uri":"/api/tunnels"}"#.utf8), localPort: 8080)
        let garbage = monitor.read(ngrokAPI: Array("not json".utf8), localPort: 8080)
        #expect(!noTunnelYet && !garbage)
        #expect(monitor.state == .starting)
        let found = monitor.read(ngrokAPI: Array(api.utf8), localPort: 8080)
        #expect(found)
        #expect(monitor.state.url == "https://1a2b-3c4d.ngrok-free.app")
        let again = monitor.read(ngrokAPI: Array(api.utf8), localPort: 8080)
        #expect(!again)
    }

    @Test func ngroksAPIAddressFollowsItsLog() {
        var monitor = TunnelMonitor(kind: .ngrok)
        monitor.started()
        // Not asked before its log says where it listens.
        #expect(monitor.ngrokAPI == nil)
        monitor.read(line: #"{"addr":"127.0.0.1:4041","allow_hosts":[],"lvl":"info","msg":"starting web service","obj":"web","t":"2026-12-01T10:00:00Z"}"#)
        #expect(monitor.ngrokAPI! == ("127.0.0.1", 4041))
        // Another message's addr, a host elsewhere, or a port out of range move nothing.
        monitor.read(line: #"{"addr":"http://localhost:8080","lvl":"info","msg":"started tunnel","obj":"tunnels"}"#)
        #expect(TunnelURLFinder.ngrokWebAddress(inLogLine: #"{"addr":"10.0.0.5:4040","msg":"starting web service"}"#) == nil)
        #expect(TunnelURLFinder.ngrokWebAddress(inLogLine: #"{"addr":"127.0.0.1:99999","msg":"starting web service"}"#) == nil)
        #expect(TunnelURLFinder.ngrokWebAddress(inLogLine: #"{"addr":"0.0.0.0:4042","msg":"starting web service"}"#)! == ("127.0.0.1", 4042))
        #expect(monitor.ngrokAPI! == ("127.0.0.1", 4041))
        // A new run has a new log: the address is asked for again.
        monitor.started()
        #expect(monitor.ngrokAPI == nil)
    }

    @Test func aNgrokURLWithControlsOrQuotesIsRefusedWithAReason() {
        var monitor = TunnelMonitor(kind: .ngrok)
        monitor.started()
        let api = #"{"tunnels":[{"public_url":"https://x\u001b]52;c;aGk=\u0007.ngrok-free.app","proto":"https","config":{"addr":"http://localhost:8080"}}]}"#
        let changed = monitor.read(ngrokAPI: Array(api.utf8), localPort: 8080)
        #expect(!changed)
        #expect(monitor.state == .starting)
        let refusal = monitor.refusal
        #expect(refusal?.contains("refused the public URL ngrok's API gave") == true)
        let shown = refusal ?? ""
        #expect(!shown.contains("\u{1B}") && !shown.contains("\u{07}"))
        #expect(!TunnelURLFinder.isPlainURL("https://a.example/\"x"))
        #expect(TunnelURLFinder.isPlainURL("https://a-b.ngrok-free.app"))
    }

    @Test func anExitIsDownWithTheLastErrorLineSanitisedAndARestartDelay() {
        var monitor = TunnelMonitor(kind: .cloudflared)
        monitor.started()
        monitor.read(line: "2026-12-01T10:00:02Z ERR Failed to create new quick Tunnel error=\"Post \\\"https://api.trycloudflare.com/tunnel\\\": dial tcp: lookup api.trycloudflare.com: no such host\" \u{1b}[31m")
        let delay1 = monitor.exited(status: 1, ranSeconds: 0.5)
        #expect(delay1 == 1)
        guard case .down(let reason, let retry) = monitor.state else { Issue.record("not down: \(monitor.state)"); return }
        #expect(reason.hasPrefix("exited with status 1: Failed to create new quick Tunnel"))
        #expect(!reason.contains("\u{1b}"))
        #expect(retry == 1)
        #expect(monitor.state.summary.hasSuffix("; restarting in 1 s"))
        monitor.started()
        #expect(monitor.state == .starting)
        let delay2 = monitor.exited(status: 1, ranSeconds: 0.5)
        #expect(delay2 == 2)
        monitor.started()
        let delay4 = monitor.exited(status: 0, ranSeconds: 0.5)
        #expect(delay4 == 4)
        #expect(monitor.state == .down(reason: "exited", retryInSeconds: 4))
    }

    @Test func errorLinesOfEachTool() {
        #expect(TunnelKind.cloudflared.errorText(inLine: "2026-12-01T10:00:00Z INF Starting metrics server") == nil)
        #expect(TunnelKind.ngrok.errorText(inLine: #"{"lvl":"eror","msg":"session closing","err":"authentication failed: Usage of ngrok requires a verified account and authtoken."}"#)
            == "session closing: authentication failed: Usage of ngrok requires a verified account and authtoken.")
        #expect(TunnelKind.ngrok.errorText(inLine: #"{"lvl":"info","msg":"started tunnel","url":"https://x.ngrok-free.app"}"#) == nil)
        let ssh = TunnelKind.ssh(host: "h", port: nil)
        #expect(ssh.errorText(inLine: "Host key verification failed.") == "Host key verification failed.")
        #expect(ssh.errorText(inLine: "nokey@localhost.run: Permission denied (publickey).") == "nokey@localhost.run: Permission denied (publickey).")
        #expect(ssh.errorText(inLine: "Welcome to localhost.run!") == nil)
    }

    @Test func backoffDoublesToAMinuteAndResetsAfterAHealthyRun() {
        var backoff = RestartBackoff()
        var delays: [Int] = []
        for _ in 0..<9 { delays.append(backoff.delayAfterExit(ranSeconds: 1)) }
        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60, 60])
        let afterHealthyRun = backoff.delayAfterExit(ranSeconds: 300)
        let next = backoff.delayAfterExit(ranSeconds: 1)
        #expect(afterHealthyRun == 1 && next == 2)
    }

    @Test func aMissingProgramIsDownForGoodWithHowToInstallIt() {
        var monitor = TunnelMonitor(kind: .ngrok)
        monitor.missing()
        #expect(monitor.state == .down(reason: TunnelKind.ngrok.installHint, retryInSeconds: nil))
        #expect(monitor.state.summary.hasPrefix("tunnel: down (ngrok is not installed (not found on PATH): install it from https://ngrok.com/download"))
        #expect(!monitor.state.summary.contains("restarting"))
    }
}

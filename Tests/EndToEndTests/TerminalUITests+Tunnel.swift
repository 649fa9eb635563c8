import Foundation
import HookscopeCore
import Testing

/// `--tunnel` in the full-screen UI: the public URL in the top bar (the local address on
/// the help screen), `U` copies it, and quitting or SIGTERM ends the tunnel too.
extension TerminalUITests {
    /// hookscope in a tmux pane with the fake tunnels first on PATH.
    /// `environment`: `NAME=value ` words put before the command (EDITOR=true).
    func startWithTunnel(_ fakes: FakeTunnels, arguments: String, environment: String = "") throws -> TerminalUITmux {
        let script = fakes.directory.appendingPathComponent("run-ui.sh")
        try """
        #!/bin/sh
        PATH='\(fakes.environment["PATH"] ?? "")'
        export PATH
        \(environment)'\(HookscopeBinary.path)' listen --port 0 \(arguments)
        echo "hookscope exited $?"
        exec sleep 600
        """.write(to: script, atomically: true, encoding: .utf8)
        return try TerminalUITmux(width: 120, height: 30, command: "sh '\(script.path)'")
    }

    /// The PID of the hookscope that started `child` (its parent).
    static func parent(of child: Int32) throws -> Int32 {
        let status = try String(contentsOfFile: "/proc/\(child)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("PPid:") })
        return try #require(Int32(line.dropFirst(5).trimmingCharacters(in: .whitespaces)))
    }

    @Test func theTunnelsURLIsInTheTopBarUCopiesItAndQuittingStopsTheTunnel() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        let tmux = try startWithTunnel(fakes, arguments: "--tunnel cloudflared")
        defer { tmux.kill() }
        let url = FakeTunnels.cloudflaredURL(run: 1)
        let screen = try waitForScreen(tmux, "the tunnel's URL in the top bar") { $0.split(separator: "\n").first?.contains(url) == true }
        #expect(!screen.contains("http://127.0.0.1:"))
        let port = try #require(fakes.arguments.first?.split(separator: ":").last.flatMap { Int($0) })
        try tmux.sendKeys("?")
        try waitForScreen(tmux, "the local address on the help screen") { $0.contains("Listening on http://127.0.0.1:\(port)") }
        try tmux.sendKeys("Escape")
        try waitForScreen(tmux, "the list") { $0.contains("waiting for deliveries") }
        try tmux.sendKeys("U")
        try waitForScreen(tmux, "the copy message") { $0.contains("copied the public URL \(url)") }
        let pid = try #require(fakes.pids.first)
        #expect(FakeTunnels.isAlive(pid))
        try tmux.sendKeys("q")
        let after = try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited") }
        #expect(after.contains("hookscope exited 0"))
        #expect(!FakeTunnels.isAlive(pid), "the tunnel (PID \(pid)) outlived hookscope")
    }

    @Test func theTopBarSaysTheTunnelIsDownAndSIGTERMStopsTheRestartedOne() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        try fakes.failRun(1, error: "no such host")
        // Run 2 shows its URL only after U has been answered: no race with the 1 s backoff.
        try fakes.hold(run: 2)
        let tmux = try startWithTunnel(fakes, arguments: "--tunnel cloudflared")
        defer { tmux.kill() }
        // The top bar says `down` only during the 1 s backoff; on a loaded machine the poll can
        // miss that window, and run 2 (held) is then already `starting`. The down line's
        // rendering is pinned in PublicURLScreenTests; here either state will do.
        try waitForScreen(tmux, "the tunnel down in the top bar, or run 2 started") {
            $0.contains("tunnel: down (exited with status 1") || fakes.pids.count >= 2
        }
        try tmux.sendKeys("U")
        try waitForScreen(tmux, "why there is nothing to copy") { $0.contains("no public URL yet (? shows why in full; tunnel: ") }
        try fakes.release(run: 2)
        try waitForScreen(tmux, "the restarted tunnel's URL") { $0.contains(FakeTunnels.cloudflaredURL(run: 2)) }
        let pids = fakes.pids
        #expect(pids.count == 2)
        let hookscope = try Self.parent(of: pids[1])
        kill(hookscope, SIGTERM)
        let after = try waitForScreen(tmux, "the shell after SIGTERM") { $0.contains("hookscope exited") }
        #expect(after.contains("hookscope exited 0"))
        #expect(pids.allSatisfy { !FakeTunnels.isAlive($0) })
    }

    /// A Twilio delivery through the tunnel, edited with `e` (a sed script) and so
    /// re-signed: the app gets a signature over the tunnel's URL for that path, the URL it
    /// checks, not over its own address.
    @Test func aReSignedReplaySignsTheTunnelsURL() throws {
        let app = try RunningHookscope(["--headless", "--json"])
        defer { _ = try? app.stop() }
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        let secret = "twilio_auth_token_5c1e"
        let editor = fakes.directory.appendingPathComponent("editor.sh")
        try "#!/bin/sh\nsed -i 's/Body=hello/Body=edited/' \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
        let tmux = try startWithTunnel(
            fakes, arguments: "--tunnel cloudflared --secret twilio=\(secret) --forward \(app.url)", environment: "EDITOR='/bin/sh \(editor.path)' "
        )
        defer { tmux.kill() }
        let tunnelURL = FakeTunnels.cloudflaredURL(run: 1)
        try waitForScreen(tmux, "the tunnel's URL in the top bar") { $0.split(separator: "\n").first?.contains(tunnelURL) == true }
        let port = try #require(fakes.arguments.first?.split(separator: ":").last.flatMap { Int($0) })
        _ = try Self.curl(["-s", "-o", "/dev/null", "-H", "X-Twilio-Signature: c3RhbGUtc2lnbmF0dXJl", "-d", "From=%2B15550001&Body=hello",
                           "http://127.0.0.1:\(port)/hooks/sms"])
        try waitForScreen(tmux, "the captured row") { $0.contains("/hooks/sms") }
        try tmux.sendKeys("e")
        try waitForScreen(tmux, "the re-signed replay") { $0.contains("replay of #1 is #2: 200 OK") && $0.contains("re-signed: twilio") }
        // The app got the forwarded original, then the edited replay.
        let received = try Poll.until(timeout: 20) { () -> Exchange? in
            let exchanges = ExchangeFile.decode(app.stdout).exchanges
            return exchanges.count == 2 ? exchanges[1] : nil
        }
        #expect(received.body == Array("From=%2B15550001&Body=edited".utf8))
        var analyzer = ProviderAnalyzer(secrets: SecretRing([ProviderSecret(provider: "twilio", value: secret, origin: "test")]))
        analyzer.exactURL = tunnelURL + "/hooks/sms"
        let verdict = analyzer.analyze(received).signature
        #expect(verdict.status == .valid, "\(verdict.reason ?? "")")
        analyzer.exactURL = app.url + "/hooks/sms"
        #expect(analyzer.analyze(received).signature.status == .invalid)
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited 0") }
    }
}

import Foundation
import Testing
import TestSupport

/// `listen --tunnel` on the real binary with fake `cloudflared` and `ngrok` on PATH
/// (FakeTunnels): the URL found and logged, restarts with backoff, a missing program, and
/// no tunnel process left behind on any way hookscope ends.
@Suite(.offThePool) struct TunnelCommandTests {
    static func waitFor(_ app: RunningHookscope, _ text: String, timeout: TimeInterval = 20) throws {
        do {
            _ = try Poll.until(timeout: timeout) { app.stderr.contains(text) ? true : nil }
        } catch {
            Issue.record("waiting for '\(text)'; standard error:\n\(app.stderr)")
            throw error
        }
    }

    @Test func cloudflaredsURLIsFoundLoggedAndTheTunnelStopsWithHookscope() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        let app = try RunningHookscope(["--headless", "--tunnel", "cloudflared"], environment: fakes.environment)
        let url = FakeTunnels.cloudflaredURL(run: 1)
        try Self.waitFor(app, "tunnel: up \(url)")
        try Self.waitFor(app, "public URL: \(url) (senders use this)")
        let log = app.stderr
        let starting = try #require(log.range(of: "tunnel: starting"))
        let up = try #require(log.range(of: "tunnel: up"))
        #expect(starting.lowerBound < up.lowerBound)
        // Pointed at the port the listener was given.
        #expect(fakes.arguments == ["tunnel --no-autoupdate --url http://127.0.0.1:\(app.port)"])
        let pid = try #require(fakes.pids.first)
        #expect(FakeTunnels.isAlive(pid))
        #expect(try app.stop(signal: SIGTERM) == 0)
        #expect(!FakeTunnels.isAlive(pid), "the tunnel (PID \(pid)) outlived hookscope")
    }

    @Test func aTunnelThatExitsIsRestartedWithBackoffAndTheStateSaysSo() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        try fakes.exitAfterURL(run: 1)
        try fakes.failRun(2, error: "dial tcp: lookup api.trycloudflare.com: no such host \u{1B}[2J")
        let app = try RunningHookscope(["--headless", "--tunnel", "cloudflared"], environment: fakes.environment)
        try Self.waitFor(app, "tunnel: up \(FakeTunnels.cloudflaredURL(run: 1))")
        try Self.waitFor(app, "tunnel: down (exited with status 1: Connection terminated error=\"lost connection to the edge\"); restarting in 1 s")
        // The second run fails at once: its error line is shown, made terminal-safe, and
        // the wait doubles.
        try Self.waitFor(app, "tunnel: cloudflared: Failed to create new quick Tunnel error=\"dial tcp: lookup api.trycloudflare.com: no such host")
        try Self.waitFor(app, "restarting in 2 s")
        try Self.waitFor(app, "tunnel: up \(FakeTunnels.cloudflaredURL(run: 3))")
        #expect(!app.stderr.contains("\u{1B}"))
        let pids = fakes.pids
        #expect(pids.count == 3)
        #expect(!FakeTunnels.isAlive(pids[0]) && !FakeTunnels.isAlive(pids[1]))
        #expect(try app.stop(signal: SIGINT) == 0)
        #expect(!FakeTunnels.isAlive(pids[2]), "the tunnel (PID \(pids[2])) outlived hookscope")
    }

    /// The tunnel gets /dev/null and its end of the output socket, nothing else hookscope
    /// holds: not the listener's socket nor the event loops' descriptors (SwiftNIO opens
    /// some without close-on-exec, so every descriptor from 3 up is closed as the child
    /// starts), nor the output and wake-up pairs (close-on-exec from the call that makes
    /// them). Before, a tunnel that outlived hookscope held its listening port.
    @Test func theTunnelInheritsOnlyItsOutputSocket() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        let app = try RunningHookscope(["--headless", "--tunnel", "cloudflared"], environment: fakes.environment)
        try Self.waitFor(app, "tunnel: up")
        let pid = try #require(fakes.pids.first)
        // Once the script has become `sleep` (exec), what it holds is what it inherited: the
        // shell's own pipes ($(…)) and script file are gone.
        _ = try Poll.until(timeout: 20) { () -> Bool? in
            let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            return command.hasPrefix("sleep") ? true : nil
        }
        // `sleep` itself may hold a file a moment as it starts (glibc's /etc/locale.alias, seen
        // once as fd 3): what it inherited stays open for good, so wait for the rest to close.
        var open = FakeTunnels.openDescriptors(of: pid)
        let settled = ContinuousClock.now + .seconds(5)
        while open.keys.contains(where: { $0 > 2 }), ContinuousClock.now < settled {
            Thread.sleep(forTimeInterval: 0.05)
            open = FakeTunnels.openDescriptors(of: pid)
        }
        #expect(open[0] == "/dev/null", "\(open)")
        let output = try #require(open[1], "\(open)")
        #expect(output.hasPrefix("socket:") && open[2] == output, "\(open)")
        let inherited = open.filter { $0.key > 2 }
        #expect(inherited.isEmpty, "the tunnel inherited \(inherited) from hookscope")
        #expect(try app.stop() == 0)
    }

    @Test func ngroksURLComesFromItsLocalAPI() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        let app = try RunningHookscope(["--headless", "--tunnel", "ngrok"], environment: fakes.environment)
        try Self.waitFor(app, "tunnel: up \(FakeTunnels.ngrokURL(run: 1))")
        #expect(fakes.arguments == ["http \(app.port) --log stdout --log-format json"])
        let pid = try #require(fakes.pids.first)
        #expect(try app.stop() == 0)
        #expect(!FakeTunnels.isAlive(pid))
    }

    @Test func aNgrokURLWithControlCharactersIsRefusedAndNothingRawIsPrinted() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        // OSC 52 would set the clipboard; BEL ends it.
        try fakes.ngrokURL(run: 1, "https://x\u{1B}]52;c;aGk=\u{07}.ngrok-free.app")
        let app = try RunningHookscope(["--headless", "--tunnel", "ngrok"], environment: fakes.environment)
        try Self.waitFor(app, "tunnel: ngrok: refused the public URL ngrok's API gave, it has characters a URL cannot have")
        let log = app.stderr
        #expect(!log.contains("\u{1B}") && !log.contains("\u{07}"), "\(log)")
        #expect(!log.contains("tunnel: up") && !log.contains("public URL:"))
        #expect(try app.stop() == 0)
    }

    /// Each question to ngrok's API has an overall deadline: an answer trickling in a byte at
    /// a time cannot hold the supervisor, and with it the stop, for long.
    @Test func aTricklingNgrokAPIDoesNotHoldUpTheStop() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        try fakes.trickleAPI(run: 1)
        let app = try RunningHookscope(["--headless", "--tunnel", "ngrok"], environment: fakes.environment)
        _ = try Poll.until(timeout: 20) { fakes.apiWasAsked ? true : nil }
        #expect(try app.stop(signal: SIGTERM, timeout: 15) == 0, "\(app.stderr)")
        #expect(fakes.pids.allSatisfy { !FakeTunnels.isAlive($0) })
    }

    /// ngrok restarted by the supervisor comes back with a new URL: the log says the URL
    /// changed, and which it was, not only `up` again.
    @Test func aRestartedNgroksNewURLIsSaidToBeAChange() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        try fakes.exitAfterURL(run: 1)
        let app = try RunningHookscope(["--headless", "--tunnel", "ngrok"], environment: fakes.environment)
        let first = FakeTunnels.ngrokURL(run: 1), second = FakeTunnels.ngrokURL(run: 2)
        try Self.waitFor(app, "public URL: \(first) (senders use this)")
        try Self.waitFor(app, "tunnel: down (exited with status 1: session closed: reconnecting to the ngrok service failed); restarting in 1 s")
        try Self.waitFor(app, "tunnel: up \(second)")
        try Self.waitFor(app, "public URL changed: \(second) (was \(first)): senders given the old one reach nothing now; give them this one")
        #expect(!app.stderr.contains("public URL: \(second) (senders use this)"))
        #expect(try app.stop() == 0)
        #expect(fakes.pids.allSatisfy { !FakeTunnels.isAlive($0) })
    }

    @Test func ngroksErrorIsShownWhenItCannotStart() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        try fakes.failRun(1, error: "authentication failed: Usage of ngrok requires a verified account and authtoken.")
        let app = try RunningHookscope(["--headless", "--tunnel", "ngrok"], environment: fakes.environment)
        try Self.waitFor(app, "tunnel: ngrok: session closing: authentication failed: Usage of ngrok requires a verified account and authtoken.")
        try Self.waitFor(app, "tunnel: down (exited with status 1: session closing: authentication failed")
        try Self.waitFor(app, "tunnel: up \(FakeTunnels.ngrokURL(run: 2))")
        #expect(try app.stop() == 0)
        #expect(fakes.pids.allSatisfy { !FakeTunnels.isAlive($0) })
    }

    @Test func sshTunnelsTakeTheURLTheHostPrintsOrTheOneGiven() throws {
        let fakes = try FakeTunnels(programs: ["ssh"])
        defer { fakes.remove() }
        let serveo = try RunningHookscope(["--headless", "--tunnel", "ssh:serveo.net"], environment: fakes.environment)
        try Self.waitFor(serveo, "tunnel: up https://fake-ssh-tunnel.serveo.net")
        #expect(fakes.arguments.first?.hasPrefix("-R 80:127.0.0.1:\(serveo.port) -T -o BatchMode=yes") == true, "\(fakes.arguments)")
        #expect(try serveo.stop() == 0)
        let own = try RunningHookscope(
            ["--headless", "--tunnel", "ssh:me@box.example:2222", "--public-url", "https://hooks.example.com"], environment: fakes.environment
        )
        try Self.waitFor(own, "tunnel: up https://hooks.example.com")
        try Self.waitFor(own, "public URL: https://hooks.example.com (senders use this)")
        let arguments = fakes.arguments
        #expect(arguments.count == 2 && arguments[1].hasSuffix("-v -p 2222 me@box.example"), "\(arguments)")
        #expect(try own.stop() == 0)
        #expect(fakes.pids.count == 2 && fakes.pids.allSatisfy { !FakeTunnels.isAlive($0) })
    }

    /// With a URL given for an ssh host, `up` waits for ssh's word that the remote forward
    /// exists (review L7): not while it is still logging in, never when it is refused.
    @Test func anSSHHostsGivenURLIsUpOnlyOnceTheForwardExists() throws {
        let fakes = try FakeTunnels(programs: ["ssh"])
        defer { fakes.remove() }
        try fakes.failRun(1, error: "")
        try fakes.hold(run: 2)
        let app = try RunningHookscope(
            ["--headless", "--tunnel", "ssh:me@box.example", "--public-url", "https://hooks.example.com"], environment: fakes.environment
        )
        try Self.waitFor(app, "tunnel: ssh me@box.example: me@box.example: Permission denied (publickey).")
        try Self.waitFor(app, "tunnel: down (exited with status 255: me@box.example: Permission denied (publickey).); restarting in 1 s")
        // Run 2 is logging in (held before the forward exists): still starting.
        _ = try Poll.until(timeout: 20) { fakes.pids.count == 2 && app.stderr.components(separatedBy: "tunnel: starting").count == 3 ? true : nil }
        let waiting = app.stderr
        #expect(!waiting.contains("tunnel: up") && !waiting.contains("public URL:"), "\(waiting)")
        #expect(!waiting.contains("debug1"), "ssh's -v lines are not shown: \(waiting)")
        try fakes.release(run: 2)
        try Self.waitFor(app, "tunnel: up https://hooks.example.com")
        try Self.waitFor(app, "public URL: https://hooks.example.com (senders use this)")
        #expect(try app.stop() == 0)
        #expect(fakes.pids.allSatisfy { !FakeTunnels.isAlive($0) })
    }

    @Test func aMissingProgramIsOneLineSayingHowToInstallItAndTheListenerStaysUp() throws {
        let empty = try FakeTunnels(programs: [])
        defer { empty.remove() }
        // Only the empty folder on PATH: no cloudflared anywhere.
        let app = try RunningHookscope(["--headless", "--tunnel", "cloudflared"], environment: ["PATH": empty.directory.path])
        try Self.waitFor(app, "tunnel: down (cloudflared is not installed (not found on PATH): install it from https://developers.cloudflare.com/")
        #expect(!app.stderr.contains("restarting"))
        #expect(try ProviderTestClient.post(port: app.port, path: "/still-local", headers: [], body: Array("{}".utf8)) == 200)
        #expect(try app.stop() == 0)
    }

    /// A crash (SIGKILL: no handler runs) still ends the tunnel program: the kernel kills it
    /// when hookscope dies (PR_SET_PDEATHSIG, set by setpriv). Only that program, as the
    /// README says (review L3): what it started itself is not signalled and lives on.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs util-linux setpriv"))
    func aKilledHookscopeLeavesNoOrphanTunnel() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        try fakes.startGrandchild()
        let app = try RunningHookscope(["--headless", "--tunnel", "cloudflared"], environment: fakes.environment)
        try Self.waitFor(app, "tunnel: up")
        let pid = try #require(fakes.pids.first)
        let grandchild = try #require(fakes.grandchild(run: 1))
        _ = try app.stop(signal: SIGKILL)
        do {
            _ = try Poll.until(timeout: 10) { FakeTunnels.isAlive(pid) ? nil : true }
        } catch {
            Issue.record("the tunnel (PID \(pid)) outlived a killed hookscope")
        }
        #expect(FakeTunnels.isAlive(grandchild), "what the tunnel started outlives a crash (the README says so); if that changed, say so there")
    }

    @Test func tunnelFlagsThatCannotWorkAreRefused() throws {
        let bad = try HookscopeCommand.run(["listen", "--port", "0", "--tunnel", "localtunnel"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("'localtunnel' is not a tunnel; --tunnel is cloudflared, ngrok or ssh:HOST[:PORT]"))
        let both = try HookscopeCommand.run(["listen", "--port", "0", "--tunnel", "cloudflared", "--public-url", "https://x.example"])
        #expect(both.status != 0)
        #expect(both.stderr.contains("--public-url and --tunnel cloudflared do not go together"))
        let elsewhere = try HookscopeCommand.run(["listen", "--port", "0", "--tunnel", "ngrok", "--host", "127.0.0.2"])
        #expect(elsewhere.status != 0)
        #expect(elsewhere.stderr.contains("--tunnel reaches the listener at 127.0.0.1; with --host 127.0.0.2 it could not"))
    }
}

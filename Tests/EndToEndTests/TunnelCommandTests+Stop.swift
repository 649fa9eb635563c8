import Foundation
import Testing

/// Stopping hookscope with a tunnel: every sender's connection comes through the tunnel
/// process, so the answers in flight must be finished before it is stopped.
extension TunnelCommandTests {
    /// An app that writes `received` when a request has arrived, answers 201 "from the app"
    /// a second later, and writes its port to `app-port`.
    static let slowApp = #"""
    import http.server, os, sys, time
    directory = sys.argv[1]
    class App(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            open(os.path.join(directory, "received"), "w").close()
            time.sleep(1)
            body = b"from the app"
            self.send_response(201)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args): pass
    server = http.server.HTTPServer(("127.0.0.1", 0), App)
    with open(os.path.join(directory, "app-port.tmp"), "w") as f: f.write(str(server.server_address[1]))
    os.rename(os.path.join(directory, "app-port.tmp"), os.path.join(directory, "app-port"))
    server.serve_forever()
    """#

    @Test func aForwardInFlightThroughTheTunnelIsAnsweredWhenHookscopeIsStopped() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        try fakes.proxyToURL()
        let appScript = fakes.directory.appendingPathComponent("app.py")
        try Self.slowApp.write(to: appScript, atomically: true, encoding: .utf8)
        let app = Process()
        app.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        app.arguments = ["python3", appScript.path, fakes.directory.path]
        // Its output is not the test runner's: a survivor holding that pipe would keep the run open.
        app.standardOutput = FileHandle.nullDevice
        app.standardError = FileHandle.nullDevice
        try app.run()
        // SIGKILL: the runner's children may have SIGTERM ignored.
        defer {
            kill(app.processIdentifier, SIGKILL)
            app.waitUntilExit()
        }
        let appPort = try Poll.until(timeout: 20) {
            (try? String(contentsOf: fakes.directory.appendingPathComponent("app-port"), encoding: .utf8)).flatMap { Int($0) }
        }
        let front = try RunningHookscope(
            ["--headless", "--tunnel", "cloudflared", "--forward", "http://127.0.0.1:\(appPort)"], environment: fakes.environment
        )
        try Self.waitFor(front, "tunnel: up")
        let tunnelPort = try Poll.until(timeout: 20) { fakes.proxyPort }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = ["curl", "-sS", "--max-time", "15", "-w", " %{http_code}", "--data-binary", "{}", "http://127.0.0.1:\(tunnelPort)/hook"]
        let output = Pipe()
        curl.standardOutput = output
        curl.standardError = output
        try curl.run()
        // The delivery has passed the tunnel and hookscope and waits in the app: stop now.
        _ = try Poll.until(timeout: 20) {
            FileManager.default.fileExists(atPath: fakes.directory.appendingPathComponent("received").path) ? true : nil
        }
        #expect(try front.stop(signal: SIGTERM) == 0)
        curl.waitUntilExit()
        let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(answer == "from the app 201", "curl through the tunnel got: \(answer)\nhookscope:\n\(front.stderr)")
        #expect(fakes.pids.allSatisfy { !FakeTunnels.isAlive($0) }, "the tunnel outlived hookscope")
    }

    /// A stop (here SIGTERM) ends the tunnel's whole process group: what the program
    /// started itself (ssh's ProxyCommand, for one) goes with it.
    @Test func aStopEndsWhatTheTunnelStartedToo() throws {
        let fakes = try FakeTunnels()
        defer { fakes.remove() }
        try fakes.startGrandchild()
        let app = try RunningHookscope(["--headless", "--tunnel", "cloudflared"], environment: fakes.environment)
        try Self.waitFor(app, "tunnel: up")
        let pid = try #require(fakes.pids.first)
        let grandchild = try #require(fakes.grandchild(run: 1))
        #expect(FakeTunnels.isAlive(grandchild))
        #expect(try app.stop(signal: SIGTERM) == 0)
        #expect(!FakeTunnels.isAlive(pid))
        #expect(!FakeTunnels.isAlive(grandchild), "what the tunnel started (PID \(grandchild)) outlived the stop")
    }
}

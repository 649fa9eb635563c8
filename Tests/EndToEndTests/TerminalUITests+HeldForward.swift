import Foundation
import PostgresTestServer
import Testing

extension TerminalUITests {
    /// Review M2: a held request nobody decides is offered, at the listener's
    /// --intercept-timeout, to the forwarder attached to the store whose route takes it,
    /// as a local --forward gets it, and the sender gets the app's answer (the README's
    /// `--intercept-timeout`: "with --forward, the app's answer"). The forwarder here is
    /// also the terminal UI the headless listener holds for.
    @Test func aHeldRequestNobodyDecidesGoesToTheAttachedForwarderAtItsDeadline() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        let listener = try RunningHookscope(["--json", "--store", store, "--name", "hasty", "--intercept-timeout", "2000",
                                             "--claim-timeout", RemoteForwardCommandTests.patientClaim])
        defer { _ = try? listener.stop() }
        let laptop = try AttachedWatcher(store: store, flags: ["--intercept", "--forward", app.url], seenBy: [listener])
        defer { laptop.kill() }
        try RemoteForwardCommandTests.waitForForwarders(listener, count: 1)

        let start = Date()
        let body = RemoteForwardCommandTests.randomBytes(2053)
        let answer = try CurlRequest.post(listener.url + "/hooks/nobody-decides", body: body, maxTime: 60)
        #expect(answer.status == 201)
        #expect(answer.header("X-App") == "laptop")
        #expect(answer.body == Array(body.reversed()), "the app's body, byte for byte (\(answer.body.count) bytes)")
        #expect(Date().timeIntervalSince(start) >= 2, "held until --intercept-timeout first")
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/hooks/nobody-decides\"") } }
        #expect(line.contains("\"source\":\"forward\""), "\(line)")
        #expect(app.receivedPaths == ["/hooks/nobody-decides"])
        try laptop.tmux.sendKeys("q")
        try waitForScreen(laptop.tmux, "the exit") { $0.contains("hookscope exited 0") }
    }
}

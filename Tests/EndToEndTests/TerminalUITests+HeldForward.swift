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

        let body = RemoteForwardCommandTests.randomBytes(2053)
        let answer = try CurlRequest.post(listener.url + "/hooks/nobody-decides", body: body, maxTime: 60)
        #expect(answer.status == 201)
        #expect(answer.header("X-App") == "laptop")
        #expect(answer.body == Array(body.reversed()), "the app's body, byte for byte (\(answer.body.count) bytes)")
        // Held first, not offered at once: the request was published as held, and the
        // listener settled it as its own at its deadline (no wall-clock bound: session 16
        // review L7).
        let held = try Poll.until(timeout: 20) { () -> String? in
            let applied = try RemoteForwardCommandTests.psql(server, store, "SELECT applied FROM hookscope_held WHERE local_id = 1")
            return applied.isEmpty ? nil : applied
        }
        #expect(held == "listener", "held until --intercept-timeout, then answered by the listener's deadline")
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first { $0.contains("\"path\":\"/hooks/nobody-decides\"") } }
        #expect(line.contains("\"source\":\"forward\""), "\(line)")
        #expect(app.receivedPaths == ["/hooks/nobody-decides"])
        try laptop.tmux.sendKeys("q")
        try waitForScreen(laptop.tmux, "the exit") { $0.contains("hookscope exited 0") }
    }

    /// Issue #16: an attached terminal UI that forwards sends a held request to its own app
    /// through the store (`a` → `forward to the app`, as a listener's own UI does with
    /// --forward), and the sender gets the app's status, header and bytes.
    @Test func aHeldRequestForwardedFromTheAttachedScreenGetsTheAppsAnswer() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let app = try RemoteForwardTestApp(status: 201, name: "laptop")
        defer { app.stop() }
        let listener = try RunningHookscope(["--headless", "--store", store, "--name", "patient", "--intercept-timeout", "120000",
                                             "--claim-timeout", RemoteForwardCommandTests.patientClaim])
        defer { _ = try? listener.stop() }
        let laptop = try AttachedWatcher(store: store, flags: ["--intercept", "--forward", app.url], seenBy: [listener])
        defer { laptop.kill() }
        try RemoteForwardCommandTests.waitForForwarders(listener, count: 1)

        let body = RemoteForwardCommandTests.randomBytes(4099)
        let held = try CurlRequest(post: listener.url + "/hooks/by-hand", body: body, maxTime: 110)
        try waitForScreen(laptop.tmux, "the held row") { screen in
            screen.split(separator: "\n").contains { $0.contains("/hooks/by-hand") && $0.contains("wait") }
        }
        try laptop.tmux.sendKeys("a")
        try waitForScreen(laptop.tmux, "the picker with forward first") { screen in
            screen.contains("Answer #1 with") && screen.split(separator: "\n").contains { $0.contains("▸ forward to the app") }
        }
        try laptop.tmux.sendKeys("Enter")
        let response = try held.wait()
        #expect(response.status == 201)
        #expect(response.header("X-App") == "laptop")
        #expect(response.body == Array(body.reversed()), "the app's body, byte for byte (\(response.body.count) bytes)")
        #expect(app.receivedPaths == ["/hooks/by-hand"])
        try waitForScreen(laptop.tmux, "the store's word and the row forwarded by this UI") { screen in
            screen.contains("#1 is offered to your app through the store")
                && screen.split(separator: "\n").contains { $0.contains("/hooks/by-hand") && $0.contains("by you") && $0.contains(" 201 ") }
        }
        _ = try Poll.until(timeout: 20) { listener.stderr.contains("held #1: offered to a forwarder's app, decided by ") ? true : nil }
        try laptop.tmux.sendKeys("q")
        try waitForScreen(laptop.tmux, "the exit") { $0.contains("hookscope exited 0") }
    }
}

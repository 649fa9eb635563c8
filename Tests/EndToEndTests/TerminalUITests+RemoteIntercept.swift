import Foundation
import PostgresTestServer
import Testing

extension TerminalUITests {
    /// Issue #16's remote intercept in tmux: `attach --intercept` makes a headless listener
    /// hold; the held request appears in the attached screen waiting, with its countdown;
    /// `a` → 503 answers it, and curl gets 503.
    @Test func aRequestHeldByTheListenerIsAnsweredFromTheAttachedScreen() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try RunningHookscope(["--headless", "--store", store, "--name", "server", "--intercept-timeout", "120000"])
        defer { _ = try? listener.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-tui-held-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("run.sh")
        try """
        #!/bin/sh
        '\(HookscopeBinary.path)' attach '\(store)' --intercept
        echo "hookscope exited $?"
        exec sleep 600
        """.write(to: script, atomically: true, encoding: .utf8)
        let tmux = try TerminalUITmux(width: 200, height: 30, command: "sh '\(script.path)'")
        defer { tmux.kill() }
        try waitForScreen(tmux, "the shared intercept in the top bar") { $0.contains("intercept on, set by ") && $0.contains("INTERCEPT") }
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("plan: intercept on, set by ") ? true : nil }
        // This screen is the terminal UI the headless listener holds for (review M2).
        try AttachedWatcher.waitUntilSeen(by: listener)

        // A second attached client with no terminal UI logs what happens to the held request.
        let log = try RunningHookscope(attach: [store, "--json"])
        defer { _ = try? log.stop() }
        let held = try CurlRequest(post: listener.url + "/hooks/held", body: Array(#"{"v":"held"}"#.utf8), maxTime: 110)
        try waitForScreen(tmux, "the held row, waiting with its countdown") { screen in
            screen.split(separator: "\n").contains { $0.contains("/hooks/held") && $0.contains("wait") && $0.contains(" s") }
        }
        // The log client reads on its own schedule: decided before it looked, the request
        // would be history to it, never "waiting" (failed this way once in a clean CI run).
        _ = try Poll.until(timeout: 30) { log.stderr.contains("held #1 by server: waiting for a decision (") ? true : nil }
        try tmux.sendKeys("a")
        try waitForScreen(tmux, "the picker") { $0.contains("Answer #1 with") }
        try tmux.sendKeys("503")
        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the store's word") { $0.contains("answered #1 with 503") }
        #expect(try held.wait().status == 503)
        try waitForScreen(tmux, "the answered row") { screen in
            screen.split(separator: "\n").contains { $0.contains("/hooks/held") && $0.contains(" 503 ") }
        }
        _ = try Poll.until(timeout: 20) { listener.stderr.contains("held #1: 503, decided by ") ? true : nil }
        _ = try Poll.until(timeout: 20) { log.stderr.contains("held #1: 503, decided by ") ? true : nil }
        #expect(log.stderr.contains("held #1 by server: waiting for a decision ("), "\(log.stderr)")
        // Its JSON Lines stay the exchanges alone, each a JSON object; the held one with the answer the sender got.
        let line = try Poll.until(timeout: 20) { log.stdout.split(separator: "\n").first { $0.contains("/hooks/held") } }
        for text in log.stdout.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any], "\(text)")
        }
        #expect(line.contains(#""response":{"status":503,"source":"intercept""#), "\(line)")
        let unattended = "intercept: no terminal UI is attached, so"
        let saidBefore = listener.stderr.components(separatedBy: unattended).count
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the exit") { $0.contains("hookscope exited 0") }
        // Nobody watches any more: the shared intercept is still on, and the next sender
        // gets the plan's answer at once, recorded as such (review M2).
        _ = try Poll.until(timeout: 30) { listener.stderr.components(separatedBy: unattended).count > saidBefore ? true : nil }
        #expect(try CurlRequest.post(listener.url + "/hooks/after", body: Array("{}".utf8), maxTime: 20).status == 200)
        _ = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").contains { $0.contains("/hooks/after  200") && $0.contains("[unattended]") } ? true : nil }
    }

    /// Two attached screens decide the same held request at once (both pickers open, then
    /// Enter in each): exactly one decision is carried out, and the other screen says who
    /// was first and what they chose.
    @Test func twoAttachedScreensRaceAndTheSecondIsToldWhoWon() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try RunningHookscope(["--headless", "--store", store, "--name", "server", "--intercept-timeout", "120000"])
        defer { _ = try? listener.stop() }
        _ = try SharedPlanCommandTests.attach(store, ["--intercept"])
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("plan: intercept on, set by ") ? true : nil }
        var screens: [TerminalUITmux] = []
        defer { screens.forEach { $0.kill() } }
        for _ in 0..<2 {
            screens.append(try TerminalUITmux(width: 200, height: 30, command: "'\(HookscopeBinary.path)' attach '\(store)'; sleep 600"))
        }
        // The headless listener holds only once a terminal UI is seen (review M2).
        try AttachedWatcher.waitUntilSeen(by: listener)
        let held = try CurlRequest(post: listener.url + "/hooks/race", body: Array("{}".utf8), maxTime: 110)
        for tmux in screens {
            try waitForScreen(tmux, "the held row") { screen in
                screen.split(separator: "\n").contains { $0.contains("/hooks/race") && $0.contains("wait") }
            }
        }
        try screens[0].sendKeys("a")
        try screens[1].sendKeys("a")
        for (tmux, answer) in zip(screens, ["503", "410"]) {
            try waitForScreen(tmux, "the picker") { $0.contains("Answer #1 with") }
            try tmux.sendKeys(answer)
        }
        try screens[0].sendKeys("Enter")
        try screens[1].sendKeys("Enter")
        var outcomes: [String] = []
        for tmux in screens {
            outcomes.append(try waitForScreen(tmux, "the store's word") { $0.contains("answered #1 with") || $0.contains("#1 was already decided by") })
        }
        let won = outcomes.filter { $0.contains("answered #1 with") }
        #expect(won.count == 1, "exactly one decision wins: \(outcomes)")
        let status = try held.wait().status
        #expect([503, 410].contains(status))
        let loser = try #require(outcomes.first { $0.contains("#1 was already decided by") })
        #expect(loser.range(of: #"#1 was already decided by \S+@\S+: \d{3}"#, options: .regularExpression) != nil, "who: user@host")
        #expect(loser.contains(": \(status)"), "the loser sees what the winner chose: \(loser)")
        #expect(won.first?.contains("answered #1 with \(status)") == true, "the winner's answer is the one the sender got")
    }

    /// Review M3 with the real binary: a decision taken as the held request's countdown
    /// runs out is reported as the sender got it: `answered #1 with 503` only when curl got
    /// 503; otherwise the message says the deadline (or the listener) was first, and curl
    /// got the listener's plan (202).
    @Test func aDecisionAtTheDeadlineIsReportedAsWhatTheSenderGot() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let listener = try RunningHookscope(["--headless", "--store", store, "--name", "server", "--status", "202", "--intercept-timeout", "6000"])
        defer { _ = try? listener.stop() }
        _ = try SharedPlanCommandTests.attach(store, ["--intercept"])
        _ = try Poll.until(timeout: 30) { listener.stderr.contains("plan: intercept on, set by ") ? true : nil }
        let tmux = try TerminalUITmux(width: 200, height: 30, command: "'\(HookscopeBinary.path)' attach '\(store)'; sleep 600")
        defer { tmux.kill() }
        try waitForScreen(tmux, "the attached screen") { $0.contains("INTERCEPT") }
        // This screen is the terminal UI the headless listener holds for (review M2).
        try AttachedWatcher.waitUntilSeen(by: listener)
        let sent = Date()
        let held = try CurlRequest(post: listener.url + "/hooks/edge", body: Array("{}".utf8), maxTime: 60)
        try waitForScreen(tmux, "the held row") { screen in
            screen.split(separator: "\n").contains { $0.contains("/hooks/edge") && $0.contains("wait") }
        }
        try tmux.sendKeys("a")
        try waitForScreen(tmux, "the picker") { $0.contains("Answer #1 with") }
        try tmux.sendKeys("503")
        // Enter in the request's last 1.5 s (it was held from about when curl started): the
        // store may or may not take the decision; what the screen says must match either way.
        Thread.sleep(until: sent.addingTimeInterval(4.5))
        try tmux.sendKeys("Enter")
        // (A picker left open past the deadline may close with the row: then the row's answer.)
        let said = try waitForScreen(tmux, "the store's word, or the row answered") { screen in
            ["answered #1 with 503", "#1 is no longer waiting", "the listener had already answered #1", "no confirmation from the listener"]
                .contains { screen.contains($0) } || screen.split(separator: "\n").contains { $0.contains("/hooks/edge") && $0.contains(" 202 ") }
        }
        let status = try held.wait().status
        if said.contains("answered #1 with 503") {
            #expect(status == 503, "told answered with 503, the sender got \(status)")
        } else {
            #expect(status == 202, "the listener's plan at its deadline: \(said)")
            #expect(!said.contains("no confirmation"), "the listener was running: \(said)")
        }
    }
}

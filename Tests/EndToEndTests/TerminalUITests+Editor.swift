import Foundation
import Testing

extension TerminalUITests {
    /// Starts hookscope from an interactive bash (job control, as a user has it) with
    /// `--forward` to `upstream` and `EDITOR` set to `editorScript`, and captures one
    /// delivery; returns the pane.
    func startWithEditor(_ editorScript: String, upstream: RunningHookscope, in dir: URL) throws -> TerminalUITmux {
        let editor = dir.appendingPathComponent("editor.sh")
        try editorScript.write(to: editor, atomically: true, encoding: .utf8)
        // Run by /bin/sh, not exec'd: a tmux server that a parallel test starts can inherit
        // the descriptor the write had open, and exec of a file open for writing fails
        // (ETXTBSY: sh exits 126, "the editor exited with status 126" in full runs).
        let tmux = try TerminalUITmux(width: 120, height: 30, command: "env PS1='$ ' EDITOR='/bin/sh \(editor.path)' bash --norc --noprofile -i")
        try waitForScreen(tmux, "the shell prompt") { $0.contains("$") }
        try tmux.sendKeys("-l", "'\(HookscopeBinary.path)' listen --port 0 --forward \(upstream.url)")
        try tmux.sendKeys("Enter")
        let port = try listeningPort(tmux)
        _ = try Self.curl(["-s", "-o", "/dev/null", "-d", #"{"v":"original-body"}"#, "http://127.0.0.1:\(port)/hooks/edit-me"])
        try waitForScreen(tmux, "the captured row") { $0.contains("/hooks/edit-me") }
        return tmux
    }

    /// The port hookscope chose (`--port 0`), read from its top bar: picking a free port
    /// beforehand races with other tests that start servers at the same time.
    func listeningPort(_ tmux: TerminalUITmux) throws -> Int {
        let screen = try waitForScreen(tmux, "the top bar") { $0.contains(" http://127.0.0.1:") && $0.contains("answer") }
        let range = try #require(screen.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression))
        return try #require(Int(screen[range].split(separator: ":").last ?? ""))
    }

    /// Ctrl-Z inside the editor stops hookscope as a whole (the shell gets the terminal);
    /// `fg` resumes the editor, and what it saves is sent.
    @Test func ctrlZInTheEditorStopsEverythingAndFgFinishesTheEdit() throws {
        let upstream = try RunningHookscope(["--headless"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hs-ed-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmux = try startWithEditor("#!/bin/sh\nkill -TSTP $$\nsed -i 's/original-body/edited-body/' \"$1\"\n", upstream: upstream, in: dir)
        defer { tmux.kill() }
        try tmux.sendKeys("e")
        try waitForScreen(tmux, "the shell's job report") { $0.contains("Stopped") }
        try tmux.sendKeys("-l", "fg")
        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the edited replay's result") { $0.contains("replay of #1 is #2: 200 OK") }
        _ = try Poll.until(timeout: 20) { upstream.stdout.contains("#2 POST /hooks/edit-me") ? true : nil }
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the summary") { $0.contains("captured 2 exchanges") }
        try upstream.stop()
    }

    /// Ctrl-C typed into an editor that runs in cooked mode (`code --wait`, a script)
    /// ends the editor only: hookscope stays, says nothing was sent, and keeps serving.
    @Test func ctrlCInTheEditorEndsOnlyTheEditor() throws {
        let upstream = try RunningHookscope(["--headless"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hs-ed-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmux = try startWithEditor("#!/bin/sh\necho 'waiting for Ctrl-C'\nsleep 60\n", upstream: upstream, in: dir)
        defer { tmux.kill() }
        try tmux.sendKeys("e")
        try waitForScreen(tmux, "the editor") { $0.contains("waiting for Ctrl-C") }
        try tmux.sendKeys("C-c")
        try waitForScreen(tmux, "the message after Ctrl-C") { $0.contains("ended by signal 2; nothing sent") && $0.contains("/hooks/edit-me") }
        #expect(try Self.curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-d", "{}", "\(upstream.url)/still"]) == "200")
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the summary") { $0.contains("captured 1 exchange:") }
        try upstream.stop()
    }
}

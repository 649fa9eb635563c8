import Foundation
import HookscopeCore
import Synchronization
import Testing
@testable import HookscopeTUI

/// The session's side of `r`, `e` and `x`: checking, asking, editing through a fake
/// editor, sending through recorded controls, and writing exports to real files.
@Suite struct ReplaySessionTests {
    /// What the fake controls were asked to send.
    final class Sent: Sendable {
        let batches = Mutex<[[(Exchange, resign: Bool)]]>([])
        var all: [[(Exchange, resign: Bool)]] { batches.withLock { $0 } }
    }

    func controls(sent: Sent, stale: Set<Int> = [], canResign: Bool = true,
                  edit: @escaping @Sendable (String) -> String? = { _ in nil }) -> ReplayControls {
        ReplayControls(
            check: { exchange, _ in
                ReplayCheck(
                    warnings: stale.contains(exchange.id) ? ["#\(exchange.id): its signature is old"] : [],
                    stale: stale.contains(exchange.id),
                    cannotResign: canResign ? nil : "#\(exchange.id): no secret",
                    signatureHeaders: ["X-Signature"]
                )
            },
            send: { items, order, report in
                sent.batches.withLock { $0.append(items) }
                report(StatusMessage("sent \(items.count) to \(order.target)"))
            },
            edit: edit
        )
    }

    func session(_ terminal: RecordingTerminal, store: CaptureStore, replay: ReplayControls, forward: String? = "http://127.0.0.1:3000") -> TerminalSession {
        TerminalSession(terminal: terminal, environment: .init(
            store: store,
            header: { HeaderInfo(url: "http://127.0.0.1:9", forwardTarget: forward, responseMode: "answer 200") },
            settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
            shouldStop: { false },
            clock: { Fixtures.baseTime },
            replay: replay
        ))
    }

    func terminal(_ keys: [Key], width: Int = 100) -> RecordingTerminal {
        RecordingTerminal(size: TerminalSize(width: width, height: 30), input: keys.map { .key($0) })
    }

    @Test func rSendsTheMarkedRowsInOrderAndTheResultReachesTheMessageLine() {
        let sent = Sent()
        let terminal = terminal([.character("g"), .character(" "), .character(" "), .character("r")])
        session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent)).run(maxIdlePolls: 3)
        #expect(sent.all.count == 1)
        #expect(sent.all.first?.map(\.0.id) == [1, 2])
        #expect(sent.all.first?.map(\.resign) == [false, false])
        // The controls' report arrives through the inbox, after the "replaying" line.
        #expect(terminal.frames.last?.line(28) == "sent 2 to http://127.0.0.1:3000")
    }

    @Test func aStaleSignatureAsksFirstAndSReSignsOnlyWhatIsStale() {
        let sent = Sent()
        let terminal = terminal([.character("g"), .character(" "), .character(" "), .character("r")])
        let running = session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent, stale: [2]))
        running.run(maxIdlePolls: 3)
        #expect(sent.all.isEmpty)
        #expect(running.state.confirmation?.resignable == [2])
        #expect(terminal.frames.last?.line(6) == "! #2: its signature is old")
        terminal.enqueue(.key(.character("s")))
        running.run(maxIdlePolls: 3)
        #expect(sent.all.first?.map(\.0.id) == [1, 2])
        #expect(sent.all.first?.map(\.resign) == [false, true])
    }

    @Test func enterSendsStaleOnesAsCaptured() {
        let sent = Sent()
        let terminal = terminal([.character("g"), .character("r"), .enter])
        session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent, stale: [1], canResign: false)).run(maxIdlePolls: 3)
        #expect(sent.all.first?.map(\.resign) == [false])
    }

    @Test func eSendsWhatTheEditorSavedReSignedWhenTheSignatureWasNotTouched() throws {
        let sent = Sent()
        let editor: @Sendable (String) -> String? = { path in
            var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            text = text.replacingOccurrences(of: #"{"ok":true}"#, with: #"{"ok":false,"edited":1}"#)
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        let terminal = terminal([.character("g"), .character("e")])
        session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent, edit: editor)).run(maxIdlePolls: 3)
        #expect(terminal.outsideRuns == 1)
        let batch = try #require(sent.all.first)
        #expect(batch.count == 1)
        #expect(batch[0].0.id == 1)   // a replay of #1
        #expect(String(decoding: batch[0].0.body, as: UTF8.self) == #"{"ok":false,"edited":1}"#)
        #expect(batch[0].resign)
    }

    @Test func anEditedSignatureHeaderIsSentAsWritten() throws {
        let sent = Sent()
        let store = CaptureStore()
        store.append(Fixtures.exchange(headers: [HeaderField("X-Signature", "abc")]))
        let editor: @Sendable (String) -> String? = { path in
            let text = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").replacingOccurrences(of: "X-Signature: abc", with: "X-Signature: forged")
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        session(terminal([.character("e")]), store: store, replay: controls(sent: sent, edit: editor)).run(maxIdlePolls: 3)
        let batch = try #require(sent.all.first)
        #expect(batch[0].0.headers.first(named: "X-Signature") == "forged")
        #expect(!batch[0].resign)
    }

    @Test func anEmptyFileCancelsAndAMistakeKeepsTheText() throws {
        let sent = Sent()
        let emptying: @Sendable (String) -> String? = { path in
            FileManager.default.createFile(atPath: path, contents: Data())
            return nil
        }
        var terminal = terminal([.character("e")])
        session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent, edit: emptying)).run(maxIdlePolls: 3)
        #expect(sent.all.isEmpty)
        #expect(terminal.frames.last?.line(28) == "edit cancelled (the file was empty); nothing sent")

        let breaking: @Sendable (String) -> String? = { path in
            try? "POST /hooks HTTP/1.1\nno colon here\n\nbody".write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        terminal = self.terminal([.character("e")])
        session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent, edit: breaking)).run(maxIdlePolls: 3)
        #expect(sent.all.isEmpty)
        let line = try #require(terminal.frames.last?.line(28))
        #expect(line.hasPrefix("not sent: line 2 is not 'Name: value'; e reopens your text (kept in /"))

        let failing: @Sendable (String) -> String? = { _ in "the editor (nope) was not found: set $EDITOR; nothing sent" }
        terminal = self.terminal([.character("e")])
        session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent, edit: failing)).run(maxIdlePolls: 3)
        #expect(sent.all.isEmpty)
        #expect(terminal.frames.last?.line(28) == "the editor (nope) was not found: set $EDITOR; nothing sent")
    }

    @Test func eReopensAKeptTextAndAnUnchangedFileSendsNothing() throws {
        let sent = Sent()
        let seen = Mutex<[String]>([])
        // First edit: a mistake. Second: the editor sees the kept text and fixes it.
        let editor: @Sendable (String) -> String? = { path in
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            seen.withLock { $0.append(text) }
            let next = text.hasPrefix("POST /hooks HTTP/1.1\nbroken") ? text.replacingOccurrences(of: "broken\n", with: "") : "POST /hooks HTTP/1.1\nbroken\n\n{}"
            try? next.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        let store = CaptureStore()
        store.append(Fixtures.exchange(target: "/hooks"))
        let terminal = terminal([.character("e")])
        let running = session(terminal, store: store, replay: controls(sent: sent, edit: editor))
        running.run(maxIdlePolls: 3)
        #expect(sent.all.isEmpty)
        terminal.enqueue(.key(.character("e")))
        running.run(maxIdlePolls: 3)
        #expect(seen.withLock { $0 }.last == "POST /hooks HTTP/1.1\nbroken\n\n{}")
        let batch = try #require(sent.all.first)
        #expect(batch[0].0.body == Array("{}".utf8))

        // An editor that saves nothing new: nothing is sent, and the message says so.
        let unchanged = Sent()
        let idle = self.terminal([.character("e")])
        session(idle, store: store, replay: controls(sent: unchanged, edit: { _ in nil })).run(maxIdlePolls: 3)
        #expect(unchanged.all.isEmpty)
        #expect(idle.frames.last?.line(28) == "unchanged: nothing sent (r replays it as captured)")
    }

    @Test func anEditorThatFailsAfterSavingKeepsTheText() throws {
        let sent = Sent()
        let editor: @Sendable (String) -> String? = { path in
            try? "POST /hooks HTTP/1.1\n\nsaved".write(toFile: path, atomically: true, encoding: .utf8)
            return "the editor (vim) exited with status 1; nothing sent"
        }
        let terminal = terminal([.character("e")], width: 200)
        session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent, edit: editor)).run(maxIdlePolls: 3)
        #expect(sent.all.isEmpty)
        let line = try #require(terminal.frames.last?.line(28))
        #expect(line.hasPrefix("the editor (vim) exited with status 1; nothing sent; e reopens your text (kept in /"))
        let path = String(line[line.range(of: "kept in ")!.upperBound...].dropLast(1)).trimmingCharacters(in: .whitespaces)
        let cleaned = path.hasSuffix(")") ? String(path.dropLast()) : path
        #expect(try String(contentsOfFile: cleaned, encoding: .utf8) == "POST /hooks HTTP/1.1\n\nsaved")
        // Only this user can read what the editor saw (captured headers, bodies).
        let attributes = try FileManager.default.attributesOfItem(atPath: (cleaned as NSString).deletingLastPathComponent)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func aStaleEditThatCannotBeReSignedAsksFirst() throws {
        let sent = Sent()
        let editor: @Sendable (String) -> String? = { path in
            let text = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").replacingOccurrences(of: "true", with: "false")
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        let terminal = terminal([.character("g"), .character("e")])
        let running = session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent, stale: [1], canResign: false, edit: editor))
        running.run(maxIdlePolls: 3)
        #expect(sent.all.isEmpty)
        #expect(running.state.confirmation?.order.edited?.body == Array(#"{"ok":false}"#.utf8))
        terminal.enqueue(.key(.enter))
        running.run(maxIdlePolls: 3)
        #expect(sent.all.first?.first?.0.body == Array(#"{"ok":false}"#.utf8))
    }

    @Test func anExistingFileIsReplacedOnlyAfterASecondEnter() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/kept.har"
        try "precious".write(toFile: path, atomically: true, encoding: .utf8)
        let keys: [Key] = [.character("x"), .control("u")] + path.map { .character($0) } + [.enter]
        let terminal = terminal(keys, width: 200)
        let running = session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: Sent()))
        running.run(maxIdlePolls: 3)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
        #expect(running.state.input?.text == path)
        #expect(running.state.message?.text == "\(path) exists: Enter again replaces it")
        terminal.enqueue(.key(.enter))
        running.run(maxIdlePolls: 3)
        #expect(HARImport.looksLikeHAR(try String(contentsOfFile: path, encoding: .utf8)))
        #expect(running.state.input == nil)

        // A file that cannot be written: the prompt comes back with the path and the reason.
        let blocked = self.terminal([.character("x"), .control("u")] + "/nonexistent-dir/x.har".map { .character($0) } + [.enter], width: 200)
        let failing = session(blocked, store: Fixtures.mixedStore(), replay: controls(sent: Sent()))
        failing.run(maxIdlePolls: 3)
        #expect(failing.state.input?.text == "/nonexistent-dir/x.har")
        #expect(failing.state.message?.isError == true)
        #expect(failing.state.message?.text.hasPrefix("cannot write /nonexistent-dir/x.har: No such file or directory") == true)
    }

    @Test func xWritesAHARThatLoadsBackAndACurlScriptWithBodyFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = Fixtures.mixedStore()
        store.append(Fixtures.exchange(target: "/binary", bodyBytes: [0, 1, 2, 0xFF, 0x1B]))
        let har = directory + "/all.har"
        var keys: [Key] = [.character("X")] + Array(repeating: .backspace, count: 60) + har.map { .character($0) } + [.enter]
        // Wide enough for the message with any temporary directory's path.
        var terminal = terminal(keys, width: 200)
        session(terminal, store: store, replay: controls(sent: Sent())).run(maxIdlePolls: 3)
        let text = try String(contentsOfFile: har, encoding: .utf8)
        let loaded = HARImport.decode(text)
        #expect(loaded.problems.isEmpty)
        #expect(loaded.exchanges.map(\.target) == store.snapshot().map(\.target))
        #expect(loaded.exchanges.last?.body == [0, 1, 2, 0xFF, 0x1B])
        #expect(terminal.frames.last?.line(28) == "exported 7 exchanges as HAR to \(har)")

        let script = directory + "/binary.sh"
        keys = [.character("x")] + Array(repeating: .backspace, count: 60) + script.map { .character($0) } + [.enter]
        terminal = self.terminal(keys, width: 200)
        session(terminal, store: store, replay: controls(sent: Sent())).run(maxIdlePolls: 3)
        let commands = try String(contentsOfFile: script, encoding: .utf8)
        #expect(commands.contains("--data-binary '@\(script).7.body' 'http://127.0.0.1:3000/binary'"))
        #expect(FileManager.default.contents(atPath: script + ".7.body") == Data([0, 1, 2, 0xFF, 0x1B]))
        #expect(terminal.frames.last?.line(28) == "exported 1 exchange as curl to \(script) (+1 body file beside it)")
    }

    @Test func editingACutBodySaysSo() throws {
        let sent = Sent()
        let store = CaptureStore()
        var cut = Fixtures.exchange(body: "0123456789")
        cut.bodySize = 5_000_000
        cut.bodyTruncated = true
        store.append(cut)
        let editor: @Sendable (String) -> String? = { path in
            let text = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").replacingOccurrences(of: "0123", with: "abcd")
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        let terminal = terminal([.character("e")], width: 200)
        let running = session(terminal, store: store, replay: ReplayControls(
            check: { _, _ in ReplayCheck(cannotResign: "not a known provider") }, send: { items, _, _ in sent.batches.withLock { $0.append(items) } }, edit: editor))
        running.run(maxIdlePolls: 3)
        #expect(sent.all.count == 1)
        #expect(running.state.message?.text == "replaying #1 to http://127.0.0.1:3000 (edited from a body cut at the size limit: 10 B of 4.8 MB)…")
    }
}

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
            check: { exchange in
                ReplayCheck(
                    warnings: stale.contains(exchange.id) ? ["#\(exchange.id): its signature is old"] : [],
                    stale: stale.contains(exchange.id),
                    cannotResign: canResign ? nil : "#\(exchange.id): no secret",
                    signatureHeaders: ["X-Signature"]
                )
            },
            send: { items, target, report in
                sent.batches.withLock { $0.append(items) }
                report(StatusMessage("sent \(items.count) to \(target)"))
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
        #expect(terminal.frames.last?.line(2) == "! #2: its signature is old")
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
        #expect(line.hasPrefix("not sent: line 2 is not 'Name: value'; your text is kept in "))
        let kept = String(line[line.range(of: "kept in ")!.upperBound...]).trimmingCharacters(in: .whitespaces)
        #expect(FileManager.default.fileExists(atPath: kept))
        try? FileManager.default.removeItem(atPath: kept)

        let failing: @Sendable (String) -> String? = { _ in "the editor (nope) was not found: set $EDITOR; nothing sent" }
        terminal = self.terminal([.character("e")])
        session(terminal, store: Fixtures.mixedStore(), replay: controls(sent: sent, edit: failing)).run(maxIdlePolls: 3)
        #expect(sent.all.isEmpty)
        #expect(terminal.frames.last?.line(28) == "the editor (nope) was not found: set $EDITOR; nothing sent")
    }

    @Test func xWritesAHARThatLoadsBackAndACurlScriptWithBodyFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = Fixtures.mixedStore()
        store.append(Fixtures.exchange(target: "/binary", bodyBytes: [0, 1, 2, 0xFF, 0x1B]))
        let har = directory + "/all.har"
        var keys: [Key] = [.character("X")] + Array(repeating: .backspace, count: 60) + har.map { .character($0) } + [.enter]
        var terminal = terminal(keys)
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
}

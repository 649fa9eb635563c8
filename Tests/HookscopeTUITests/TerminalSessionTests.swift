import Foundation
import HookscopeCore
import Testing
@testable import HookscopeTUI

@Suite struct TerminalSessionTests {
    func session(_ terminal: RecordingTerminal, store: CaptureStore) -> TerminalSession {
        TerminalSession(terminal: terminal, environment: .init(
            store: store,
            header: { HeaderInfo(url: "http://127.0.0.1:9", responseMode: "answer 200") },
            settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
            shouldStop: { false },
            clock: { Fixtures.baseTime }
        ))
    }

    @Test func drawsTheStoreAndQuitsOnQ() {
        let store = Fixtures.mixedStore()
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: [.key(.enter), .key(.character("q"))])
        session(terminal, store: store).run(maxIdlePolls: 5)
        #expect(terminal.frames.count >= 2)
        #expect(terminal.frames[0].line(7).contains("/health?probe=1"))
        #expect(terminal.frames.last?.line(2) == "GET /health?probe=1 HTTP/1.1")
    }

    @Test func clearEmptiesTheStoreAndSaysSo() {
        let store = Fixtures.mixedStore()
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: [.key(.character("c"))])
        let running = session(terminal, store: store)
        running.run(maxIdlePolls: 3)
        #expect(store.statistics.stored == 0)
        #expect(terminal.frames.last?.line(28) == "cleared 6 exchanges")
        #expect(running.state.list.isEmpty)
    }

    @Test func copyGoesToTheTerminalClipboard() {
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: [.key(.character("g")), .key(.character("y"))])
        session(terminal, store: Fixtures.mixedStore()).run(maxIdlePolls: 3)
        #expect(terminal.clipboard == [Array(#"{"ok":true}"#.utf8)])
        #expect(terminal.frames.last?.line(28) == "copied the body of #1 (11 B) to the clipboard")
    }

    @Test func savesTheShownExchangesAsJSONLines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-tui-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var keys: [TerminalInput] = "/sig:invalid".map { .key(.character($0)) } + [.key(.enter), .key(.character("w"))]
        keys += Array(repeating: .key(.backspace), count: 60)
        keys += path.map { .key(.character($0)) } + [.key(.enter)]
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: keys)
        session(terminal, store: Fixtures.mixedStore()).run(maxIdlePolls: 3)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (decoded, problems) = ExchangeJSONLines.decodeLines(text)
        #expect(problems.isEmpty)
        #expect(decoded.map(\.id) == [2])
        #expect(terminal.frames.last?.line(28) == "saved 1 exchange to \(path)")
    }

    @Test func aResizeRedrawsAtTheNewSize() {
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: [.resized(TerminalSize(width: 60, height: 15))])
        session(terminal, store: Fixtures.mixedStore()).run(maxIdlePolls: 3)
        #expect(terminal.frames.last?.width == 60)
        #expect(terminal.frames.last?.height == 15)
    }

    @Test func ctrlZSuspendsThroughTheTerminal() {
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: [.key(.control("z"))])
        session(terminal, store: Fixtures.mixedStore()).run(maxIdlePolls: 3)
        #expect(terminal.suspensions == 1)
    }

    @Test func deliveriesArrivingWhileRunningAreShown() {
        let store = CaptureStore()
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30))
        let running = session(terminal, store: store)
        store.append(Fixtures.exchange(target: "/late"))
        running.run(maxIdlePolls: 5)
        #expect(terminal.frames.last?.line(2).contains("/late") == true)
    }
}

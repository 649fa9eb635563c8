import Foundation
import HookscopeCore
import Testing
@testable import HookscopeTUI

/// Issue #12 point 7: `w` on the detail screen, carried out by the session: all of the
/// body goes to the file (through OutputFile: a link's target gets it), an existing file
/// is replaced only after a second Enter, and a failure reopens the prompt with the reason.
@Suite struct BodySaveSessionTests {
    func typed(_ text: String) -> [Key] { text.map { .character($0) } }

    func run(_ keys: [Key], store: CaptureStore) -> TerminalSession {
        let terminal = RecordingTerminal(size: TerminalSize(width: 200, height: 30), input: keys.map { .key($0) })
        let session = TerminalSession(terminal: terminal, environment: .init(
            store: store,
            header: { HeaderInfo(url: "http://127.0.0.1:9", responseMode: "answer 200") },
            settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
            shouldStop: { false }, clock: { Fixtures.baseTime }
        ))
        session.run(maxIdlePolls: 3)
        return session
    }

    @Test func wSavesTheWholeBodyAsksBeforeReplacingAndFollowsALink() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-body-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let body = Array(LargeBodyScreenTests.largeJSON.prefix(200_000))
        let store = CaptureStore()
        store.append(Fixtures.exchange(target: "/big", bodyBytes: body))
        let path = directory + "/body.json"

        var session = run([.enter, .character("w"), .control("u")] + typed(path) + [.enter], store: store)
        #expect(session.state.message == StatusMessage("saved the body of #1 (195.3 KB) to \(path)"))
        #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == body)

        // It exists now: the first Enter asks, the second replaces (through a link).
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        let link = directory + "/link.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        session = run([.enter, .character("w"), .control("u")] + typed(link) + [.enter], store: store)
        #expect(session.state.message == StatusMessage("\(link) exists: Enter again replaces it", isError: true))
        #expect(session.state.input?.purpose == .saveBody(id: 1, response: false))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        session = run([.enter, .character("w"), .control("u")] + typed(link) + [.enter, .enter], store: store)
        #expect(session.state.message?.isError == false)
        #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == body)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == path)

        // A directory that is not there: the reason, and the prompt again.
        let missing = directory + "/nowhere/body.json"
        session = run([.enter, .character("w"), .control("u")] + typed(missing) + [.enter], store: store)
        #expect(session.state.message?.isError == true)
        #expect(session.state.message?.text.hasPrefix("cannot write \(missing): ") == true, "\(session.state.message?.text ?? "")")
        #expect(session.state.input?.text == missing)

        // A FIFO is written into, not replaced: no question, the writer's own answer.
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        session = run([.enter, .character("w"), .control("u")] + typed(fifo) + [.enter], store: store)
        #expect(session.state.message == StatusMessage("cannot write \(fifo): nobody is reading it (a FIFO: start the reader first)", isError: true))
    }
}

import Foundation
import HookscopeCore
import Testing
@testable import HookscopeTUI

/// F12: `w` and `x` given a FIFO nobody reads must not freeze the UI (its one thread
/// would wait in `open` for a reader); they say so at once.
@Suite struct FIFOWriteTests {
    func typed(_ text: String) -> [Key] { text.map { .character($0) } }

    @Test func wAndXToAFIFONobodyReadsSayIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-fifo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Were the UI to wait for a reader, this one arrives after 10 s, so the test ends
        // (and fails on the message) instead of hanging.
        DispatchQueue.global().asyncAfter(deadline: .now() + 10) {
            let fd = open(fifo, O_RDONLY | O_NONBLOCK)
            if fd >= 0 { usleep(200_000); close(fd) }
        }
        for key in ["w", "x"] {
            // x asks before writing over a path that exists: the second Enter says yes.
            let keys: [Key] = [.character(Character(key)), .control("u")] + typed(fifo) + (key == "x" ? [.enter, .enter] : [.enter])
            let terminal = RecordingTerminal(size: TerminalSize(width: 200, height: 30), input: keys.map { .key($0) })
            let session = TerminalSession(terminal: terminal, environment: .init(
                store: Fixtures.mixedStore(),
                header: { HeaderInfo(url: "http://127.0.0.1:9", responseMode: "answer 200") },
                settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
                shouldStop: { false }, clock: { Fixtures.baseTime }
            ))
            session.run(maxIdlePolls: 3)
            #expect(session.state.message == StatusMessage("cannot write \(fifo): nobody is reading it (a FIFO: start the reader first)", isError: true), "\(key)")
            var info = stat()
            #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "\(key)")
        }
    }
}

import Foundation
import HookscopeCore
import Synchronization
import Testing
@testable import HookscopeTUI

/// An attached UI's a, A and D decide held requests through the store: the session hands
/// the decision over and shows the store's word when it comes back.
@Suite struct HeldRequestSessionTests {
    @Test func decisionsGoToTheStoreAndItsWordIsShown() {
        let asked = Mutex<[String]>([])
        let deadline = Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + 20_000_000_000)
        let controls = AnswerControls(
            plan: nil,
            decideThroughStore: { ids, answer, report in
                asked.withLock { $0.append("\(ids) \(answer?.summary ?? "drop")") }
                // As the store would say it to the one who came second.
                report(StatusMessage(HeldDecisionOutcome.alreadyDecided(by: "bo@desk", decision: "410").message(id: ids[0]), isError: true))
            },
            waiting: { [PendingAnswer(id: 6, deadline: deadline)] }
        )
        let keys: [TerminalInput] = [.key(.character("a"))] + "503".map { .key(.character($0)) }
            + [.key(.enter), .key(.character("D")), .key(.character("A")), .key(.enter)]
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: keys)
        TerminalSession(terminal: terminal, environment: .init(
            store: Fixtures.mixedStore(),
            header: { HeaderInfo(url: "postgres://a@db/hooks", responseMode: "attached") },
            settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
            shouldStop: { false },
            clock: { Fixtures.baseTime },
            controls: controls
        )).run(maxIdlePolls: 3)
        #expect(asked.withLock { $0 } == ["[6] 503", "[6] drop", "[6] 200"])
        #expect(terminal.frames.last?.line(28) == "#6 was already decided by bo@desk: 410")
        #expect(terminal.frames.contains { $0.line(28) == "deciding #6 through the store…" })
    }
}

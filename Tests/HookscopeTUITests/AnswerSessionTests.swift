import Foundation
import HookscopeCore
import Synchronization
import Testing
@testable import HookscopeTUI

/// The session carries out the answer effects on the real plan holder and on intercept
/// closures that record what they were asked.
@Suite struct AnswerSessionTests {
    final class Recorder: Sendable {
        let calls = Mutex<[String]>([])
        func record(_ call: String) { calls.withLock { $0.append(call) } }
    }

    func session(_ terminal: RecordingTerminal, plan: ResponsePlanHolder, recorder: Recorder, waiting: [PendingAnswer] = []) -> TerminalSession {
        TerminalSession(terminal: terminal, environment: .init(
            store: Fixtures.mixedStore(),
            header: { HeaderInfo(url: "http://127.0.0.1:9", responseMode: plan.current.summary) },
            settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
            shouldStop: { false },
            clock: { Fixtures.baseTime },
            controls: AnswerControls(
                plan: plan,
                setIntercept: { recorder.record("intercept \($0)") },
                waiting: { waiting },
                decide: { id, answer in recorder.record("decide \(id) \(answer?.summary ?? "drop")"); return true },
                decideAll: { answer in recorder.record("all \(answer?.summary ?? "drop")"); return 1 }
            )
        ))
    }

    @Test func choosing503PutsItInForceAndTheTopBarSaysSo() {
        let plan = ResponsePlanHolder()
        let keys: [TerminalInput] = [.key(.character("s"))] + "503".map { .key(.character($0)) } + [.key(.enter)]
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: keys)
        session(terminal, plan: plan, recorder: Recorder()).run(maxIdlePolls: 3)
        #expect(plan.current.defaultAnswer == AnswerSpec(status: 503))
        #expect(terminal.frames.last?.line(0).contains("answer 503") == true)
        #expect(terminal.frames.last?.line(28) == "now: answer 503")
    }

    @Test func aSequenceKeepsTheDefaultAndTheRulesAddAndToggle() throws {
        let plan = ResponsePlanHolder(ResponsePlan(status: 202))
        var keys: [TerminalInput] = [.key(.character("s"))] + "500x2,200".map { .key(.character($0)) } + [.key(.enter)]
        keys += [.key(.character("R")), .key(.character("a"))] + "GET -> 404".map { .key(.character($0)) } + [.key(.enter), .key(.character(" "))]
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: keys)
        session(terminal, plan: plan, recorder: Recorder()).run(maxIdlePolls: 3)
        #expect(plan.current.defaultAnswer.status == 202)
        #expect(plan.current.sequence.map(\.status) == [500, 500, 200])
        #expect(plan.current.rules.map(\.summary) == ["GET * -> 404"])
        #expect(plan.current.rules.first?.enabled == false)
        #expect(terminal.frames.last?.line(2).contains("[off] GET * -> 404") == true)
    }

    @Test func interceptKeysReachTheController() {
        let recorder = Recorder()
        let deadline = Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + 20_000_000_000)
        let keys: [TerminalInput] = [.key(.character("i")), .key(.character("a"))] + "410".map { .key(.character($0)) }
            + [.key(.enter), .key(.character("D")), .key(.character("A")), .key(.enter)]
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: keys)
        session(terminal, plan: ResponsePlanHolder(), recorder: recorder, waiting: [PendingAnswer(id: 6, deadline: deadline)]).run(maxIdlePolls: 3)
        #expect(recorder.calls.withLock { $0 } == ["intercept true", "decide 6 410", "decide 6 drop", "all 200"])
    }
}

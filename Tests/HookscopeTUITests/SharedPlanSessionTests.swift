import Foundation
import HookscopeCore
import Synchronization
import Testing
@testable import HookscopeTUI

/// An attached UI's keys s, R and i change the store's shared plan (here a value that
/// applies each change as the store does), not a plan of the UI's own.
@Suite struct SharedPlanSessionTests {
    final class FakeStorePlan: Sendable {
        let plan = Mutex<SharedPlan?>(nil)
        let asked = Mutex<[SharedPlanChange]>([])

        var controls: SharedPlanControls {
            SharedPlanControls(current: { self.plan.withLock { $0 } }) { change, report in
                self.asked.withLock { $0.append(change) }
                do {
                    let next = try self.plan.withLock { plan in
                        plan = try SharedPlanChange.apply([change], to: plan, by: "ana@laptop")
                        return plan
                    }
                    report(StatusMessage("every listener on the store: \(next?.summary ?? "own")"))
                } catch {
                    report(StatusMessage("\(error)", isError: true))
                }
            }
        }
    }

    func run(_ keys: [TerminalInput], on store: FakeStorePlan) -> RecordingTerminal {
        let terminal = RecordingTerminal(size: TerminalSize(width: 140, height: 30), input: keys)
        TerminalSession(terminal: terminal, environment: .init(
            store: Fixtures.mixedStore(),
            header: {
                let plan = store.plan.withLock { $0 }
                return HeaderInfo(url: "postgres://a@db/hooks", responseMode: "attached · " + (plan.map { "plan \($0.summary)" } ?? "listeners' own plans"),
                                  intercept: plan?.intercept == true)
            },
            settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
            shouldStop: { false },
            clock: { Fixtures.baseTime },
            controls: AnswerControls(plan: nil, shared: store.controls)
        )).run(maxIdlePolls: 3)
        return terminal
    }

    static func typed(_ text: String) -> [TerminalInput] { text.map { .key(.character($0)) } }

    @Test func sRAndIChangeTheStoresPlanAndTheTopBarShowsIt() throws {
        let store = FakeStorePlan()
        let keys: [TerminalInput] = [.key(.character("s"))] + Self.typed("503") + [.key(.enter), .key(.character("i"))]
            + [.key(.character("R")), .key(.character("a"))] + Self.typed("GET -> 404") + [.key(.enter), .key(.character(" "))]
        let terminal = run(keys, on: store)
        #expect(store.asked.withLock { $0 } == [
            .respond("503"), .intercept(true),
            .editRules(.add(try AnswerSpecParser.parseRule("GET -> 404"))),
            .editRules(.toggle(index: 0, seen: try AnswerSpecParser.parseRule("GET -> 404"))),
        ])
        let plan = try #require(store.plan.withLock { $0 })
        #expect(plan.respond == "503")
        #expect(plan.intercept == true)
        #expect(plan.rules == ["method=GET -> 404"])
        #expect(plan.disabledRules == [0])
        let top = terminal.frames.last?.line(0) ?? ""
        #expect(top.contains("plan --respond 503 · 0 of 1 rule on · intercept on, set by ana@laptop"), "\(top)")
        #expect(top.contains("INTERCEPT"))
        #expect(terminal.frames.last?.line(2).contains("[off] GET * -> 404") == true, "the rules screen shows the shared rules")
        #expect(terminal.frames.last?.line(28).contains("every listener on the store: --respond 503") == true)
    }

    /// `attach --intercept` found out whom the intercept reaches before the screen started:
    /// the screen says it on its message line (on standard error it was covered, session
    /// 15 review L1), until the first key.
    @Test func theNoticeFromBeforeTheScreenIsOnTheMessageLine() {
        let notice = StatusMessage("intercept on: reaches 1 listener (server-1); one without a terminal UI of its own holds only while a terminal UI is attached")
        func run(_ keys: [TerminalInput]) -> RecordingTerminal {
            let terminal = RecordingTerminal(size: TerminalSize(width: 160, height: 30), input: keys)
            TerminalSession(terminal: terminal, environment: .init(
                store: Fixtures.mixedStore(),
                header: { HeaderInfo(url: "postgres://a@db/hooks", responseMode: "attached · plan intercept on", intercept: true) },
                settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
                shouldStop: { false },
                clock: { Fixtures.baseTime },
                notice: notice
            )).run(maxIdlePolls: 3)
            return terminal
        }
        let shown = run([])
        #expect(shown.frames.first?.line(28).contains(notice.text) == true, "\(shown.frames.first?.line(28) ?? "")")
        let afterKey = run([.key(.character("j"))])
        #expect(afterKey.frames.last?.line(28).contains("intercept on: reaches") == false, "a key clears it, as any message")
    }
}

import HookscopeCore
import Synchronization
import Testing
@testable import HookscopeTUI

/// An attached UI that forwards (`attach --forward`): `a` offers `forward to the app`
/// first, as a listener's own UI does with --forward, and the session hands the held
/// request to the store's controls (issue #16); an attached UI without --forward offers
/// no forward.
@Suite struct AttachedForwardTests {
    static let routes = try! ForwardRoutes([ForwardRoute.parse("http://127.0.0.1:3000")])

    func attachedState(forwarding: Bool) -> AppState {
        var state = Fixtures.state(Fixtures.mixedStore())
        let arrived = Fixtures.baseTime.nanosecondsSinceEpoch + 5_000_000_000
        _ = state.update(.headerChanged(HeaderInfo(
            url: "postgres://ana@db/hooks", forwardTarget: "http://127.0.0.1:9999", responseMode: "attached", intercept: true,
            storeForwardRoutes: forwarding ? Self.routes : nil
        )))
        _ = state.update(.pendingChanged([PendingAnswer(id: 6, deadline: Timestamp(nanosecondsSinceEpoch: arrived + 25_000_000_000))]))
        return state
    }

    @Test func thePickerOffersForwardThroughTheStoreOnlyWithForward() {
        var state = attachedState(forwarding: true)
        Fixtures.press([.character("a")], on: &state)
        #expect(state.picker?.choices.first == AnswerPicker.forwardChoice)
        guard case .forward(let order)? = Fixtures.press([.enter], on: &state).first, order.id == 6 else {
            Issue.record("expected forward(6)")
            return
        }
        #expect(order.message(forwarded: 1) == StatusMessage("forwarding #6 to http://127.0.0.1:3000 (route default) through the store; the sender gets its answer"))

        // --replay-to alone (forwardTarget) is no app to forward to.
        var replayOnly = attachedState(forwarding: false)
        Fixtures.press([.character("a")], on: &replayOnly)
        #expect(replayOnly.picker?.choices.contains(AnswerPicker.forwardChoice) == false)
    }

    final class Recorder: Sendable {
        let forwarded = Mutex<[[Int]]>([])
        let decided = Mutex<Int>(0)
    }

    @Test func theSessionSendsTheHeldRequestThroughTheStore() {
        let recorder = Recorder()
        let deadline = Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + 20_000_000_000)
        // i first: the session learns of the waiting request when an answer effect is done.
        let keys: [TerminalInput] = [.key(.character("i")), .key(.character("a")), .key(.enter)]
        let terminal = RecordingTerminal(size: TerminalSize(width: 120, height: 30), input: keys)
        let session = TerminalSession(terminal: terminal, environment: .init(
            store: Fixtures.mixedStore(),
            header: { HeaderInfo(url: "postgres://ana@db/hooks", responseMode: "attached", intercept: true, storeForwardRoutes: Self.routes) },
            settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
            shouldStop: { false },
            clock: { Fixtures.baseTime },
            controls: AnswerControls(
                plan: nil,
                decideThroughStore: { _, _, _ in recorder.decided.withLock { $0 += 1 } },
                forwardThroughStore: { ids, report in
                    recorder.forwarded.withLock { $0.append(ids) }
                    report(StatusMessage("#6 is offered to your app through the store (its answer goes to the sender if your forwarder claims it within the listener's --claim-timeout)"))
                },
                waiting: { [PendingAnswer(id: 6, deadline: deadline)] }
            )
        ))
        session.run(maxIdlePolls: 3)
        #expect(recorder.forwarded.withLock { $0 } == [[6]])
        #expect(recorder.decided.withLock { $0 } == 0, "forwarded, not answered")
        #expect(session.state.message == StatusMessage("#6 is offered to your app through the store (its answer goes to the sender if your forwarder claims it within the listener's --claim-timeout)"))
    }

    /// `A` → forward to the app: the held requests none of this UI's routes takes stay
    /// waiting, and the message line says how many and why, beside the store's summary of
    /// the others (session 15 review L5: it said only "sent 1 to your app").
    @Test func aBatchForwardSaysWhatWasLeftWaitingAndWhy() throws {
        let routes = try ForwardRoutes([ForwardRoute.parse("/hooks/** -> http://127.0.0.1:3000")])
        let (recorder, terminal) = try runBatchForward(routes: routes, waiting: [2, 6])
        #expect(recorder.forwarded.withLock { $0 } == [[2]], "only the request a route takes goes through the store")
        let expected = "sent 1 to your app through the store; 1 left waiting (#6): none of your --forward routes takes it; answer or drop it"
        let line = terminal.frames.last?.line(28) ?? ""
        #expect(line.contains(expected), "\(line)")
    }

    @Test func aBatchForwardThatNoRouteTakesSendsNothingAndSaysWhy() throws {
        let routes = try ForwardRoutes([ForwardRoute.parse("/stripe/** -> http://127.0.0.1:3000")])
        let (recorder, terminal) = try runBatchForward(routes: routes, waiting: [2, 6])
        #expect(recorder.forwarded.withLock { $0 }.isEmpty)
        let line = terminal.frames.last?.line(28) ?? ""
        #expect(line.contains("2 left waiting (#2, #6): none of your --forward routes takes them; answer or drop them"), "\(line)")
    }

    func runBatchForward(routes: ForwardRoutes, waiting ids: [Int]) throws -> (Recorder, RecordingTerminal) {
        let recorder = Recorder()
        let deadline = Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + 20_000_000_000)
        let keys: [TerminalInput] = [.key(.character("i")), .key(.character("A")), .key(.enter)]
        let terminal = RecordingTerminal(size: TerminalSize(width: 160, height: 30), input: keys)
        TerminalSession(terminal: terminal, environment: .init(
            store: Fixtures.mixedStore(),
            header: { HeaderInfo(url: "postgres://ana@db/hooks", responseMode: "attached", intercept: true, storeForwardRoutes: routes) },
            settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
            shouldStop: { false },
            clock: { Fixtures.baseTime },
            controls: AnswerControls(
                plan: nil,
                decideThroughStore: { _, _, _ in recorder.decided.withLock { $0 += 1 } },
                forwardThroughStore: { ids, report in
                    recorder.forwarded.withLock { $0.append(ids) }
                    report(StatusMessage("sent \(ids.count) to your app through the store"))
                },
                waiting: { ids.map { PendingAnswer(id: $0, deadline: deadline) } }
            )
        )).run(maxIdlePolls: 3)
        return (recorder, terminal)
    }
}

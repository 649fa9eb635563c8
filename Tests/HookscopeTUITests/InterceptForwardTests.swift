import HookscopeCore
import Synchronization
import Testing
@testable import HookscopeTUI

/// Issue #12 point 11: with --forward in force, `a` and `A` offer "forward to the app"
/// (first, so Enter does it), and the session hands it to the controls; without
/// --forward the choice is not offered.
@Suite struct InterceptForwardTests {
    static let routes = try! ForwardRoutes([
        ForwardRoute.parse("/hooks/b/** -> http://127.0.0.1:4002"),
        ForwardRoute.parse("http://127.0.0.1:4001"),
    ])

    func waitingState(forwarding: Bool) -> AppState {
        var state = Fixtures.state(Fixtures.mixedStore())
        let arrived = Fixtures.baseTime.nanosecondsSinceEpoch + 5_000_000_000
        _ = state.update(.headerChanged(HeaderInfo(
            url: "http://127.0.0.1:8080", forwardTarget: forwarding ? "http://127.0.0.1:4001" : nil,
            forwardRoutes: forwarding ? Self.routes : nil, responseMode: "answer 200", intercept: true
        )))
        _ = state.update(.pendingChanged([PendingAnswer(id: 6, deadline: Timestamp(nanosecondsSinceEpoch: arrived + 25_000_000_000))]))
        return state
    }

    @Test func aOffersForwardFirstAndEnterForwardsTheSelectedRequest() {
        var state = waitingState(forwarding: true)
        Fixtures.press([.character("a")], on: &state)
        #expect(state.picker?.choices.first == AnswerPicker.forwardChoice)
        let lines = Fixtures.render(state)
        #expect(lines[2].hasPrefix("▸ forward to the app"), "\(lines)")
        let effects = Fixtures.press([.enter], on: &state)
        guard effects.count == 1, case .forward(let order) = effects[0], order.id == 6 else {
            Issue.record("expected forward(6), got \(effects)")
            return
        }
        #expect(state.picker == nil)
    }

    @Test func typingForwardAlsoForwardsAndCapitalAForwardsAll() {
        var state = waitingState(forwarding: true)
        Fixtures.press([.character("a"), .down], on: &state)   // 200 selected…
        var effects = Fixtures.press("forward".map { .character($0) } + [.enter], on: &state)   // …but typed wins
        guard case .forward(let one)? = effects.first, one.id == 6 else {
            Issue.record("expected forward(6), got \(effects)")
            return
        }
        Fixtures.press([.character("A")], on: &state)
        effects = Fixtures.press([.enter], on: &state)
        guard case .forward(let all)? = effects.first, all.id == nil else {
            Issue.record("expected forward(all), got \(effects)")
            return
        }
        // The next choice is still an answer: Down then Enter answers 200.
        Fixtures.press([.character("a"), .down], on: &state)
        guard case .decide(6, let answer)? = Fixtures.press([.enter], on: &state).first else {
            Issue.record("expected decide(6, _)")
            return
        }
        #expect(answer == AnswerSpec(status: 200))
    }

    @Test func withoutForwardTheChoiceIsNotOfferedNorForTheDefaultAnswer() {
        var state = waitingState(forwarding: false)
        Fixtures.press([.character("a")], on: &state)
        #expect(state.picker?.choices.contains(AnswerPicker.forwardChoice) == false)
        let effects = Fixtures.press("forward".map { .character($0) } + [.enter], on: &state)
        #expect(effects.isEmpty)
        #expect(state.message?.isError == true)
        var forwarding = waitingState(forwarding: true)
        Fixtures.press([.character("s")], on: &forwarding)
        #expect(forwarding.picker?.choices.first?.isForward == false)
    }

    /// `update` decides the words (review L5): the route the request takes, that none
    /// matches, or that it stopped waiting; the runner only reports the count.
    @Test func updateDecidesWhatTheForwardSays() throws {
        var state = waitingState(forwarding: true)
        let exchange = try #require(state.exchange(id: 6))
        let expected = try #require(Self.routes.route(for: exchange))
        Fixtures.press([.character("a")], on: &state)
        guard case .forward(let order)? = Fixtures.press([.enter], on: &state).first else {
            Issue.record("expected a forward")
            return
        }
        #expect(order.message(forwarded: 1) == StatusMessage("forwarding #6 to \(expected.upstream) (route \(expected.name)); the sender gets its answer"))
        #expect(order.message(forwarded: 0) == StatusMessage("#6 is no longer waiting", isError: true))
        #expect(ForwardOrder(id: nil).message(forwarded: 2) == StatusMessage("forwarding 2 waiting requests to the app (each along its --forward route)"))
        let onlyB = try ForwardRoutes([ForwardRoute.parse("/hooks/b/** -> http://127.0.0.1:4002")])
        state.header.forwardRoutes = onlyB
        #expect(exchange.target == "/health?probe=1")   // not under /hooks/b
        #expect(state.forwardOrder(id: 6).message(forwarded: 1) == StatusMessage("#6 matches no --forward route: answered as planned"))
        state.header.forwardRoutes = nil
        #expect(state.forwardOrder(id: 6).message(forwarded: 1) == StatusMessage("forwarding #6 to the app; the sender gets its answer"))
    }

    final class Recorder: Sendable {
        let calls = Mutex<[String]>([])
    }

    @Test func theSessionForwardsThroughTheControlsAndNamesTheRoute() {
        let recorder = Recorder()
        let deadline = Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + 20_000_000_000)
        // i first: the session learns of the waiting request when an answer effect is done.
        let keys: [TerminalInput] = [.key(.character("i")), .key(.character("a")), .key(.enter)]
        let terminal = RecordingTerminal(size: TerminalSize(width: 100, height: 30), input: keys)
        let session = TerminalSession(terminal: terminal, environment: .init(
            store: Fixtures.mixedStore(),
            header: { HeaderInfo(url: "http://127.0.0.1:9", forwardTarget: "http://127.0.0.1:4001", forwardRoutes: Self.routes, responseMode: "forward") },
            settings: DisplaySettings(unicode: true, utcOffsetSeconds: 0),
            shouldStop: { false },
            clock: { Fixtures.baseTime },
            controls: AnswerControls(
                plan: ResponsePlanHolder(),
                waiting: { [PendingAnswer(id: 6, deadline: deadline)] },
                forward: { id in recorder.calls.withLock { $0.append("forward \(id.map(String.init) ?? "all")") }; return 1 }
            )
        ))
        session.run(maxIdlePolls: 3)
        #expect(recorder.calls.withLock { $0 } == ["forward 6"])
        #expect(session.state.message == StatusMessage("forwarding #6 to http://127.0.0.1:4001 (route default); the sender gets its answer"))
    }
}

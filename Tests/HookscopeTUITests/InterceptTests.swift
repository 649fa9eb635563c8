import HookscopeCore
import Testing
@testable import HookscopeTUI

@Suite struct InterceptTests {
    /// The mixed store's pending GET (#6) is waiting, its deadline 25 s after arrival;
    /// the UI clock is 13.2 s after it arrived.
    func waitingState(width: Int = 100, height: Int = 30) -> AppState {
        var state = Fixtures.state(Fixtures.mixedStore(), width: width, height: height)
        let arrived = Fixtures.baseTime.nanosecondsSinceEpoch + 5_000_000_000
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200", intercept: true)))
        _ = state.update(.pendingChanged([PendingAnswer(id: 6, deadline: Timestamp(nanosecondsSinceEpoch: arrived + 25_000_000_000))]))
        _ = state.update(.tick(Timestamp(nanosecondsSinceEpoch: arrived + 13_200_000_000)))
        return state
    }

    @Test func iTogglesInterceptThroughAnEffect() {
        var state = Fixtures.state(Fixtures.mixedStore())
        guard case .setIntercept(true)? = Fixtures.press([.character("i")], on: &state).first else {
            Issue.record("expected setIntercept(true)")
            return
        }
        _ = state.update(.headerChanged(HeaderInfo(url: "u", responseMode: "answer 200", intercept: true)))
        guard case .setIntercept(false)? = Fixtures.press([.character("i")], on: &state).first else {
            Issue.record("expected setIntercept(false)")
            return
        }
    }

    @Test func aAnswersTheSelectedWaitingRequestWithThePickedStatus() {
        var state = waitingState()
        Fixtures.press([.character("a")], on: &state)
        #expect(state.picker?.purpose == .interceptOne(6))
        let effects = Fixtures.press("422".map { .character($0) } + [.enter], on: &state)
        guard case .decide(6, let answer)? = effects.first else {
            Issue.record("expected decide(6, _), got \(effects)")
            return
        }
        #expect(answer == AnswerSpec(status: 422))
    }

    @Test func aWaitingRequestTakesOneAnswerNotASequence() {
        var state = waitingState()
        let effects = Fixtures.press([.character("a")] + "500,200".map { .character($0) } + [.enter], on: &state)
        #expect(effects.isEmpty)
        #expect(state.picker?.purpose == .interceptOne(6))
        #expect(state.message?.text == "a waiting request takes one answer, not a sequence")
    }

    @Test func capitalAAnswersAllAndDDrops() {
        var state = waitingState()
        Fixtures.press([.character("A")], on: &state)
        #expect(state.picker?.purpose == .interceptAll)
        guard case .decideAll(let answer)? = Fixtures.press([.enter], on: &state).first else {
            Issue.record("expected decideAll")
            return
        }
        #expect(answer == AnswerSpec(status: 200))
        guard case .decide(6, nil)? = Fixtures.press([.character("D")], on: &state).first else {
            Issue.record("expected a drop of #6")
            return
        }
    }

    @Test func aOnARowThatIsNotWaitingSaysSo() {
        var state = waitingState()
        Fixtures.press([.character("k")], on: &state)
        #expect(Fixtures.press([.character("a")], on: &state).isEmpty)
        #expect(state.picker == nil)
        #expect(state.message?.text.contains("not waiting") == true)
    }

    @Test func pendingRowWithCountdownAt100x30() {
        let lines = Fixtures.render(waitingState())
        #expect(lines[0].contains("answer 200   INTERCEPT "), "\(lines[0])")
        #expect(lines[7] == " 19:05:07.123 GET    /health?probe=1                          · unsigned      wait     pending 12 s", "\(lines[7])")
    }

    @Test func pendingRowWithCountdownAt60x15() {
        let lines = Fixtures.render(waitingState(width: 60, height: 15))
        #expect(lines[7] == " 19:05:07 GET    /health?probe=1        ·     wait     12 s", "\(lines[7])")
    }

    @Test func theCountdownFollowsTheClock() {
        var state = waitingState()
        _ = state.update(.tick(Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + 28_000_000_000)))
        #expect(Fixtures.render(state)[7].hasSuffix("pending 2 s"))
    }

    @Test func timeoutAndDisconnectedAnswersAreNamedOnTheRow() {
        let store = CaptureStore()
        var timedOut = Fixtures.exchange(target: "/late")
        timedOut.response?.source = .timeout
        store.append(timedOut)
        store.append(Fixtures.exchange(target: "/gone", seconds: 1, status: nil))
        let lines = Fixtures.render(Fixtures.state(store))
        #expect(lines[2].hasSuffix("200          timeout"), "\(lines[2])")
        #expect(lines[3].hasSuffix("---     disconnected"), "\(lines[3])")
    }
}

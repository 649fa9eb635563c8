import HookscopeCore
import Testing
@testable import HookscopeTUI

@Suite struct AttemptsScreenTests {
    /// A Teamwork event answered 500, 500, 503 at 0 s, +1 min and +6 min (as documented:
    /// 1 then 5 minutes), the third with a changed body; and an unrelated delivery.
    func teamworkStore() -> CaptureStore {
        let store = CaptureStore()
        let times: [(Double, Int)] = [(0, 500), (60, 500), (360, 503)]
        for (index, (seconds, status)) in times.enumerated() {
            var exchange = Fixtures.exchange(target: "/hooks/teamwork", seconds: seconds, provider: "teamwork", event: "deals.created",
                                             attempt: index + 1, status: status)
            exchange.analysis.retryKey = "teamwork|id|d-1"
            if index == 2 { exchange.analysis.retryChange = "body differs from attempt 1" }
            store.append(exchange)
            if index == 0 { store.append(Fixtures.exchange(target: "/other", seconds: 30)) }
        }
        return store
    }

    func attemptsOf(_ id: Int, store: CaptureStore, width: Int = 100, height: Int = 30) -> AppState {
        var state = Fixtures.state(store, width: width, height: height)
        state.openDetail(id)
        Fixtures.press([.character("4")], on: &state)
        return state
    }

    @Test func attemptsBesideTheTeamworkScheduleAt100x30() {
        let state = attemptsOf(4, store: teamworkStore())
        #expect(state.detail.tab == .attempts)
        expectScreen(Fixtures.render(state), top: AttemptsScreens.teamwork100, hints: Hints.detail100)
    }

    @Test func attemptsAt60x15Wrap() {
        let state = attemptsOf(4, store: teamworkStore(), width: 60, height: 15)
        expectScreen(Fixtures.render(state), top: AttemptsScreens.teamwork60, hints: Hints.detail60)
    }

    @Test func answering2xxMeansNoRetryIsExpected() {
        let store = CaptureStore()
        store.append(Fixtures.exchange(provider: "gitproductivity", event: "push", status: 200))
        let lines = Fixtures.render(attemptsOf(1, store: store))
        #expect(lines.contains("Next      none: our last answer counts as success"), "\(lines)")
    }

    @Test func productLiftsSilenceIsSaid() {
        let store = CaptureStore()
        store.append(Fixtures.exchange(provider: "productlift", status: 500))
        let lines = Fixtures.render(attemptsOf(1, store: store))
        #expect(lines.contains("ProductLift's documentation does not describe retries: nothing to expect or compare."), "\(lines)")
    }

    @Test func productiveWarnsBeforeTheThirdFailedEventDeactivates() {
        let store = CaptureStore()
        for index in 0..<2 {
            store.append(Fixtures.exchange(target: "/p\(index)", seconds: Double(index), provider: "productive", status: 500))
        }
        var lines = Fixtures.render(attemptsOf(2, store: store))
        #expect(lines.contains { $0.contains("Productive: 25 more") || $0.contains("non-2xx: 25 more executions") }, "\(lines)")
        #expect(lines.contains { $0.contains("Spacing   not documented") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("! Warning: our answers failed the last 2 Productive events in a row: one more") }, "\(lines)")
        store.append(Fixtures.exchange(target: "/ok", seconds: 3, provider: "productive", status: 200))
        lines = Fixtures.render(attemptsOf(2, store: store))
        #expect(!lines.contains { $0.contains("Warning") }, "a success breaks the run")
    }
}

import HookscopeCore
import Testing
@testable import HookscopeTUI

/// `Space`, `u`, `r`, `e`, `T`, `x`, `X`, `C` and the replay warning, as state changes
/// and effects (the session that carries them out is tested in ReplaySessionTests).
@Suite struct ReplayKeysTests {
    func typed(_ text: String) -> [Key] { text.map { .character($0) } }
    func erase(_ count: Int) -> [Key] { Array(repeating: .backspace, count: count) }

    func replayOrder(_ effects: [AppEffect]) -> ReplayOrder? {
        guard effects.count == 1, case .replay(let order) = effects[0] else { return nil }
        return order
    }

    @Test func spaceMarksAndMovesDownAndRReplaysTheMarkedInListOrder() {
        var state = Fixtures.state(Fixtures.mixedStore())
        state.header.forwardTarget = "http://127.0.0.1:3000"
        Fixtures.press([.character("g"), .character(" "), .character("j"), .character(" ")], on: &state)
        #expect(state.marked == [1, 3])
        #expect(state.selectedExchange?.id == 4)
        #expect(Fixtures.render(state)[0].contains("2 marked"))
        let order = replayOrder(Fixtures.press([.character("r")], on: &state))
        #expect(order == ReplayOrder(ids: [1, 3], target: "http://127.0.0.1:3000"))
        // Marks are used once: the next r takes the selected row only.
        #expect(state.marked.isEmpty)
        #expect(replayOrder(Fixtures.press([.character("r")], on: &state))?.ids == [4])
        Fixtures.press([.character(" "), .character("k"), .character(" ")], on: &state)   // mark #4 and #3...
        Fixtures.press([.character("k"), .character(" ")], on: &state)                     // ...then unmark #3
        #expect(state.marked == [4])
        Fixtures.press([.character("u")], on: &state)
        #expect(state.marked.isEmpty)
    }

    @Test func marksShowInColumnZeroAndDisappearWithTheExchange() {
        let store = CaptureStore(limits: .init(capacity: 3))
        for index in 1...3 { store.append(Fixtures.exchange(target: "/hooks/\(index)", seconds: Double(index))) }
        var state = Fixtures.state(store)
        Fixtures.press([.character("g"), .character(" ")], on: &state)
        let asciiState: AppState = {
            var copy = state
            copy.settings.unicode = false
            return copy
        }()
        #expect(Fixtures.render(state)[2].hasPrefix("●"))
        #expect(Fixtures.render(asciiState)[2].hasPrefix("*"))
        #expect(!Fixtures.render(state)[3].hasPrefix("●"))
        store.append(Fixtures.exchange(target: "/hooks/4"))   // evicts #1
        _ = state.update(.storeChanged(store.snapshot()))
        #expect(state.marked.isEmpty)
    }

    @Test func withoutATargetRAsksForOneRemembersItAndReplaysWhatWasAskedFor() {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("g")], on: &state)
        #expect(Fixtures.press([.character("r")], on: &state).isEmpty)
        #expect(state.input?.purpose == .replayTarget(then: ReplayIntent(ids: [1])))
        // Not a URL: the prompt stays, with the reason.
        var effects = Fixtures.press(erase(40) + typed("localhost:3000") + [.enter], on: &state)
        #expect(effects.isEmpty)
        #expect(state.input != nil)
        #expect(state.message?.isError == true)
        for bad in ["http://localhost:3000http://localhost:8080", "http://:80", "http://host:99999", "http://a b"] {
            effects = Fixtures.press([.control("u")] + typed(bad) + [.enter], on: &state)
            #expect(effects.isEmpty, "\(bad)")
            #expect(state.input?.text == bad)
            #expect(state.message?.isError == true)
        }
        effects = Fixtures.press([.control("u")] + typed("http://localhost:4000/app") + [.enter], on: &state)
        #expect(replayOrder(effects) == ReplayOrder(ids: [1], target: "http://localhost:4000/app"))
        #expect(state.replayTarget == "http://localhost:4000/app")
        // Remembered: the next r goes straight there.
        #expect(replayOrder(Fixtures.press([.character("j"), .character("r")], on: &state))?.target == "http://localhost:4000/app")
        // T changes it without replaying.
        effects = Fixtures.press([.character("T")] + erase(40) + typed("http://127.0.0.1:5000") + [.enter], on: &state)
        #expect(effects.isEmpty)
        #expect(state.replayTarget == "http://127.0.0.1:5000")
    }

    @Test func eEditsTheSelectedOneAndWorksFromTheDetailScreen() {
        var state = Fixtures.state(Fixtures.mixedStore())
        state.header.forwardTarget = "http://127.0.0.1:3000"
        Fixtures.press([.character("g"), .character("j"), .enter], on: &state)
        #expect(state.screen == .detail)
        let effects = Fixtures.press([.character("e")], on: &state)
        guard effects.count == 1, case .editAndReplay(let id, let target) = effects[0] else {
            Issue.record("expected one editAndReplay, got \(effects)")
            return
        }
        #expect(id == 2)
        #expect(target == "http://127.0.0.1:3000")
        #expect(replayOrder(Fixtures.press([.character("r")], on: &state))?.ids == [2])
    }

    @Test func xAsksForAPathTabChangesTheFormatAndTheEndingDecides() {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("g"), .character("x")], on: &state)
        #expect(state.input?.text == "hookscope-1.har")
        #expect(state.input?.prompt == "export #1 as HAR (Tab: format) to: ")
        Fixtures.press([.tab], on: &state)
        #expect(state.input?.text == "hookscope-1.sh")
        Fixtures.press([.tab], on: &state)
        #expect(state.input?.text == "hookscope-1.http")
        var effects = Fixtures.press([.enter], on: &state)
        guard effects.count == 1, case .export(let order) = effects[0] else {
            Issue.record("expected one export, got \(effects)")
            return
        }
        #expect(order.format == .raw)
        #expect(order.exchanges.map(\.id) == [1])
        // A typed ending wins over the format the prompt was on.
        Fixtures.press([.character("x")] + erase(30) + typed("/tmp/out.sh"), on: &state)
        effects = Fixtures.press([.enter], on: &state)
        if case .export(let typedOrder) = effects.first { #expect(typedOrder.format == .curl) } else { Issue.record("no export") }
    }

    @Test func capitalXExportsEverythingTheFilterShows() {
        var again = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("/")] + typed("provider:productive") + [.enter, .character("X")], on: &again)
        let effects = Fixtures.press([.enter], on: &again)
        guard case .export(let order) = effects.first else {
            Issue.record("no export")
            return
        }
        #expect(order.exchanges.map(\.id) == [1, 3])
        #expect(order.format == .har)
    }

    @Test func capitalYCopiesTheRequestAsACurlCommand() {
        var state = Fixtures.state(Fixtures.mixedStore())
        let effects = Fixtures.press([.character("g"), .character("Y")], on: &state)
        guard case .copy(let bytes, let what) = effects.first else {
            Issue.record("no copy")
            return
        }
        let command = String(decoding: bytes, as: UTF8.self)
        #expect(command.hasPrefix("curl "))
        #expect(command.contains("/hooks/productive"))
        #expect(what == "#1 as a curl command")
    }

    /// #1 is past its tolerance and can be re-signed; #2 is past it without a secret.
    static let staleChecks: @Sendable (Exchange, Timestamp) -> ReplayCheck = { exchange, _ in
        switch exchange.id {
        case 1: ReplayCheck(warnings: ["#1: its Stripe signature is 2 h old, past the 300 s tolerance"], stale: true)
        case 2: ReplayCheck(stale: true, cannotResign: "#2: cannot re-sign, no secret for teamwork")
        default: ReplayCheck()
        }
    }

    @Test func theWarningSendsAsCapturedResignsOrCancels() {
        var state = Fixtures.state(Fixtures.mixedStore())
        state.header.forwardTarget = "http://127.0.0.1:3000"
        state.replayCheck = Self.staleChecks
        let order = ReplayOrder(ids: [1, 2], target: "http://127.0.0.1:3000")
        let question = ReplayConfirmation(
            order: order, warnings: ["#1: its Stripe signature is 2 h old, past the 300 s tolerance"],
            resignable: [1], resignProblems: ["#2: cannot re-sign, no secret for teamwork"]
        )
        let markBothAndReplay: [Key] = [.character("g"), .character(" "), .character(" "), .character("r")]
        #expect(Fixtures.press(markBothAndReplay, on: &state).isEmpty)
        #expect(state.confirmation == question)
        let screen = Fixtures.render(state)
        #expect(screen[1].hasPrefix("Replay 2 exchanges to http://127.0.0.1:3000?"))
        #expect(screen[2].hasPrefix("  Enter send as captured"))
        #expect(screen[7].hasPrefix("! #1: its Stripe signature is 2 h old"))
        #expect(screen.contains { $0.contains("s    re-sign (1 of 2) with the provider's secret") })
        #expect(screen[29].contains("Enter send as is"))
        // Keys that mean something elsewhere do nothing here.
        #expect(Fixtures.press([.character("j"), .character("r")], on: &state).isEmpty)
        #expect(state.confirmation != nil)
        var sent = replayOrder(Fixtures.press([.character("s")], on: &state))
        #expect(sent == ReplayOrder(ids: [1, 2], target: "http://127.0.0.1:3000", resign: [1], checked: true))
        #expect(state.confirmation == nil)

        Fixtures.press(markBothAndReplay, on: &state)
        sent = replayOrder(Fixtures.press([.enter], on: &state))
        #expect(sent == ReplayOrder(ids: [1, 2], target: "http://127.0.0.1:3000", checked: true))

        Fixtures.press(markBothAndReplay, on: &state)
        #expect(Fixtures.press([.escape], on: &state).isEmpty)
        #expect(state.confirmation == nil)
        #expect(state.message?.text == "replay cancelled")
    }

    @Test func withNothingResignableSSaysWhyAndStays() {
        var state = Fixtures.state(Fixtures.mixedStore())
        state.header.forwardTarget = "http://x:1"
        state.replayCheck = { _, _ in
            ReplayCheck(warnings: ["#2: old"], stale: true, cannotResign: "#2: cannot re-sign, no secret for teamwork: pass --secret teamwork=SECRET")
        }
        let question = ReplayConfirmation(
            order: ReplayOrder(ids: [2], target: "http://x:1"), warnings: ["#2: old"],
            resignable: [], resignProblems: ["#2: cannot re-sign, no secret for teamwork: pass --secret teamwork=SECRET"]
        )
        Fixtures.press([.character("g"), .character("j"), .character("r")], on: &state)
        #expect(state.confirmation == question)
        #expect(Fixtures.render(state).contains { $0.contains("s    (not possible) #2: cannot re-sign, no secret for teamwork") })
        // q cancels here rather than quitting hookscope.
        var other = state
        #expect(Fixtures.press([.character("q")], on: &other).isEmpty)
        #expect(other.confirmation == nil)
        #expect(Fixtures.press([.character("s")], on: &state).isEmpty)
        #expect(state.confirmation != nil)
        #expect(state.message?.isError == true)
    }
}

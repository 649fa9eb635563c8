import HookscopeCore
import Synchronization
import Testing
@testable import HookscopeTUI

/// What `update` decides before a replay leaves it (#13 point 3): stale or not, ask or
/// send, re-sign or not, and the note on the message line, with `ReplayCheck` given as a
/// dependency. No terminal, no runner.
@Suite struct ReplayDecisionTests {
    static let target = "http://127.0.0.1:3000"

    func order(_ effects: [AppEffect]) -> ReplayOrder? {
        guard effects.count == 1, case .replay(let order) = effects[0] else { return nil }
        return order
    }

    func state(_ store: CaptureStore, check: @escaping @Sendable (Exchange, Timestamp) -> ReplayCheck) -> AppState {
        var state = Fixtures.state(store)
        state.header.forwardTarget = Self.target
        state.replayCheck = check
        return state
    }

    @Test func theCheckRunsAtTheStatesTimeAndOnlyAStaleSignatureAsks() {
        let seen = Mutex<[Timestamp]>([])
        let late = Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + 3_600_000_000_000)
        var state = state(Fixtures.mixedStore()) { _, now in
            seen.withLock { $0.append(now) }
            return ReplayCheck(warnings: now == late ? ["#1: old"] : [], stale: now == late)
        }
        _ = state.update(.tick(Fixtures.baseTime))
        let sent = order(Fixtures.press([.character("g"), .character("r")], on: &state))
        #expect(sent == ReplayOrder(ids: [1], target: Self.target))
        #expect(state.message == StatusMessage("replaying #1 to \(Self.target)…"))
        #expect(seen.withLock { $0 } == [Fixtures.baseTime])

        _ = state.update(.tick(late))
        #expect(Fixtures.press([.character("r")], on: &state).isEmpty)
        #expect(state.confirmation?.warnings == ["#1: old"])
        #expect(state.confirmation?.resignable == [1])
        #expect(state.message == nil)
        #expect(seen.withLock { $0 }.last == late)
    }

    @Test func anEditThatLeftTheSignatureHeadersAloneIsReSigned() throws {
        let store = CaptureStore()
        store.append(Fixtures.exchange(headers: [HeaderField("X-Signature", "abc")]))
        var state = state(store) { _, _ in ReplayCheck(stale: true, signatureHeaders: ["X-Signature"]) }
        var edited = try #require(store.exchange(id: 1))
        edited.body = Array(#"{"ok":false}"#.utf8)
        let sent = order(state.update(.editSaved(edited, originalID: 1, target: Self.target)))
        #expect(sent == ReplayOrder(ids: [1], target: Self.target, resign: [1], checked: true, edited: edited))
        #expect(state.message?.text == "replaying #1 to \(Self.target) (re-signed)…")
    }

    @Test func aTouchedSignatureIsSentAsWrittenAfterTheQuestionWhenStale() throws {
        let store = CaptureStore()
        store.append(Fixtures.exchange(headers: [HeaderField("X-Signature", "abc")]))
        var edited = try #require(store.exchange(id: 1))
        edited.headers = [HeaderField("X-Signature", "forged")]

        var fresh = state(store) { _, _ in ReplayCheck(signatureHeaders: ["X-Signature"]) }
        let sent = order(fresh.update(.editSaved(edited, originalID: 1, target: Self.target)))
        #expect(sent == ReplayOrder(ids: [1], target: Self.target, edited: edited))

        var stale = state(store) { _, _ in ReplayCheck(warnings: ["#1: old"], stale: true, signatureHeaders: ["X-Signature"]) }
        #expect(stale.update(.editSaved(edited, originalID: 1, target: Self.target)).isEmpty)
        #expect(stale.confirmation?.order == ReplayOrder(ids: [1], target: Self.target, edited: edited))
        #expect(order(Fixtures.press([.enter], on: &stale)) == ReplayOrder(ids: [1], target: Self.target, checked: true, edited: edited))
    }

    @Test func theNoteSaysWhatWasEvictedOrCut() throws {
        let store = CaptureStore(limits: .init(capacity: 2))
        store.append(Fixtures.exchange(target: "/a"))
        store.append(Fixtures.exchange(target: "/b"))
        var state = state(store) { exchange, _ in ReplayCheck(warnings: ["#\(exchange.id): old"], stale: true) }
        Fixtures.press([.character("g"), .character(" "), .character(" "), .character("r")], on: &state)
        #expect(state.confirmation?.order.ids == [1, 2])
        store.append(Fixtures.exchange(target: "/c"))   // evicts #1 while the question is open
        _ = state.update(.storeChanged(store.snapshot()))
        #expect(order(Fixtures.press([.enter], on: &state))?.ids == [1, 2])
        #expect(state.message?.text == "replaying #2 to \(Self.target) (1 no longer stored)…")

        // Everything gone: nothing is sent, and the message says why.
        _ = state.update(.storeChanged(CaptureStore().snapshot()))
        #expect(state.update(.editSaved(Fixtures.exchange(), originalID: 2, target: Self.target)).isEmpty)
        #expect(state.message == StatusMessage("#2 is no longer stored (evicted or cleared)", isError: true))

        let cutStore = CaptureStore()
        var cut = Fixtures.exchange(body: "0123456789")
        cut.bodySize = 5_000_000
        cut.bodyTruncated = true
        cutStore.append(cut)
        var cutState = self.state(cutStore) { _, _ in ReplayCheck(cannotResign: "not a known provider") }
        var edited = try #require(cutStore.exchange(id: 1))
        edited.body = Array("abcd456789".utf8)
        #expect(order(cutState.update(.editSaved(edited, originalID: 1, target: Self.target)))?.edited == edited)
        #expect(cutState.message?.text == "replaying #1 to \(Self.target) (edited from a body cut at the size limit: 10 B of 4.8 MB)…")
    }
}

import HookscopeCore
import Testing
@testable import HookscopeTUI

@Suite struct UpdateTests {
    func store(count: Int) -> CaptureStore {
        let store = CaptureStore()
        for index in 0..<count { store.append(Fixtures.exchange(target: "/hooks/\(index + 1)", seconds: Double(index))) }
        return store
    }

    @Test func followSelectsTheNewestAsDeliveriesArrive() {
        let store = store(count: 3)
        var state = Fixtures.state(store)
        #expect(state.follow)
        #expect(state.selectedExchange?.id == 3)
        store.append(Fixtures.exchange())
        _ = state.update(.storeChanged(store.snapshot()))
        #expect(state.selectedExchange?.id == 4)
    }

    @Test func movingTheSelectionPausesFollowAndFResumesIt() {
        let store = store(count: 5)
        var state = Fixtures.state(store)
        Fixtures.press([.character("k"), .up], on: &state)
        #expect(!state.follow)
        #expect(state.selectedExchange?.id == 3)
        store.append(Fixtures.exchange())
        _ = state.update(.storeChanged(store.snapshot()))
        #expect(state.selectedExchange?.id == 3)          // paused: stays put
        Fixtures.press([.character("F")], on: &state)
        #expect(state.follow)
        #expect(state.selectedExchange?.id == 6)
        Fixtures.press([.character("g")], on: &state)
        #expect(state.selectedExchange?.id == 1)
        Fixtures.press([.end], on: &state)
        #expect(state.follow)
    }

    @Test func selectionStopsAtBothEnds() {
        var state = Fixtures.state(store(count: 3))
        Fixtures.press(Array(repeating: .character("k"), count: 10), on: &state)
        #expect(state.selectedRow == 0)
        Fixtures.press(Array(repeating: .character("j"), count: 10), on: &state)
        #expect(state.selectedRow == 2)
        #expect(!state.follow)   // reaching the bottom by hand does not resume follow
    }

    @Test func pagingMovesAPageAndTheListScrollsToKeepTheSelectionVisible() {
        var state = Fixtures.state(store(count: 100), width: 100, height: 30)   // 26 list rows
        Fixtures.press([.pageUp], on: &state)
        #expect(state.selectedRow == 99 - 26)
        let lines = Fixtures.render(state)
        let selectedLine = lines.firstIndex { $0.contains("/hooks/74 ") }
        #expect(selectedLine == 2)          // it moved from the bottom line to the top line
        Fixtures.press([.character("j")], on: &state)
        #expect(Fixtures.render(state)[3].contains("/hooks/75 "))
        Fixtures.press([.pageDown, .pageDown, .pageDown, .pageDown], on: &state)
        #expect(state.selectedRow == 99)
        #expect(Fixtures.render(state)[27].contains("/hooks/100 "))
    }

    @Test func anEvictedSelectionMovesToTheOldestStillStored() {
        let store = CaptureStore(limits: .init(capacity: 5))
        for _ in 0..<5 { store.append(Fixtures.exchange()) }
        var state = Fixtures.state(store)
        Fixtures.press([.character("g")], on: &state)
        #expect(state.selectedExchange?.id == 1)
        store.append(Fixtures.exchange())
        store.append(Fixtures.exchange())
        _ = state.update(.storeChanged(store.snapshot()))
        #expect(state.selectedExchange?.id == 3)
    }

    @Test func typingAFilterNarrowsAndEscClearsIt() {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("/")] + "status:5xx".map { .character($0) }, on: &state)
        #expect(state.input?.purpose == .filter)
        #expect(state.list.count == 1)
        #expect(state.selectedExchange?.response?.status == 500)
        Fixtures.press([.backspace, .backspace], on: &state)   // "status:5" is not a pattern
        #expect(state.message?.isError == true)
        #expect(state.list.count == 6)
        Fixtures.press("xx".map { .character($0) } + [.enter], on: &state)
        #expect(state.input == nil)
        #expect(state.filterText == "status:5xx")
        #expect(state.list.count == 1)
        Fixtures.press([.escape], on: &state)
        #expect(state.filterText.isEmpty)
        #expect(state.list.count == 6)
    }

    @Test func qIsTextWhileTypingButQuitsOtherwise() {
        var state = Fixtures.state(Fixtures.mixedStore())
        let typing = Fixtures.press([.character("/"), .character("q")], on: &state)
        #expect(typing.isEmpty)
        #expect(state.filterText == "q")
        let ctrlC = Fixtures.press([.control("c")], on: &state)
        #expect(ctrlC.contains { if case .quit = $0 { true } else { false } })
        Fixtures.press([.escape], on: &state)
        let quit = Fixtures.press([.character("q")], on: &state)
        #expect(quit.contains { if case .quit = $0 { true } else { false } })
    }

    @Test func tabsCycleAndResetTheScroll() {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.enter], on: &state)
        #expect(state.screen == .detail)
        #expect(state.detail.tab == .request)
        Fixtures.press([.tab], on: &state)
        #expect(state.detail.tab == .signature)
        Fixtures.press([.tab, .tab], on: &state)
        #expect(state.detail.tab == .attempts)
        Fixtures.press([.tab], on: &state)
        #expect(state.detail.tab == .request)
        Fixtures.press([.backTab], on: &state)
        #expect(state.detail.tab == .attempts)
        Fixtures.press([.character("4")], on: &state)
        #expect(state.detail.tab == .attempts)
        Fixtures.press([.character("1")], on: &state)
        #expect(state.detail.tab == .request)
        Fixtures.press([.escape], on: &state)
        #expect(state.screen == .list)
    }

    @Test func detailScrollIsBoundedByTheDocument() {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.enter], on: &state)
        Fixtures.press([.character("j"), .character("j")], on: &state)
        #expect(state.detail.scroll == 0)   // the document fits: nothing to scroll
        Fixtures.press([.character("k")], on: &state)
        #expect(state.detail.scroll == 0)
    }

    @Test func effectsForClearCopyAndSave() {
        var state = Fixtures.state(Fixtures.mixedStore())
        #expect(Fixtures.press([.character("c")], on: &state).contains { if case .clearStore = $0 { true } else { false } })
        let copy = Fixtures.press([.character("g"), .character("y")], on: &state)
        guard case .copy(let bytes, _)? = copy.first else {
            Issue.record("y should copy")
            return
        }
        #expect(bytes == Array(#"{"ok":true}"#.utf8))
        Fixtures.press([.character("w")], on: &state)
        #expect(state.input?.purpose == .savePath)
        #expect(state.input?.text == "hookscope-19700101-000000.jsonl")
        Fixtures.press([.control("u")], on: &state)   // an unbound control key is ignored
        let save = Fixtures.press([.backspace] + Array(repeating: .backspace, count: 40) + "out.jsonl".map { .character($0) } + [.enter], on: &state)
        guard case .save(let path, let exchanges)? = save.first else {
            Issue.record("Enter should save")
            return
        }
        #expect(path == "out.jsonl")
        #expect(exchanges.count == 6)
    }

    @Test func ticksFeedTheRateMeter() {
        let store = CaptureStore()
        var state = Fixtures.state(store)
        _ = state.update(.tick(Fixtures.baseTime))
        for _ in 0..<10 { store.append(Fixtures.exchange()) }
        _ = state.update(.storeChanged(store.snapshot()))
        _ = state.update(.tick(Timestamp(nanosecondsSinceEpoch: Fixtures.baseTime.nanosecondsSinceEpoch + 2_000_000_000)))
        #expect(state.rate.perSecond == 5)
        #expect(Fixtures.render(state)[0].hasSuffix("10 captured · 10 shown · 0 evicted · 5.0/s"))
    }

    @Test func resizeKeepsTheSelectionOnScreen() {
        var state = Fixtures.state(store(count: 50))
        Fixtures.press([.character("k")], on: &state)
        _ = state.update(.resized(TerminalSize(width: 60, height: 15)))
        let lines = Fixtures.render(state)
        #expect(lines.contains { $0.contains("/hooks/49 ") })
        #expect(state.selectionLine < state.layout.bodyHeight)
    }

    @Test func theWheelScrollsAndAClickSelectsARow() {
        var state = Fixtures.state(store(count: 10))
        _ = state.update(.mouse(MouseEvent(.wheelUp, x: 5, y: 10)))
        #expect(!state.follow)
        #expect(state.selectedExchange?.id == 7)
        _ = state.update(.mouse(MouseEvent(.press, x: 5, y: 3)))   // body starts on row 2
        #expect(state.selectedExchange?.id == 2)
        _ = state.update(.mouse(MouseEvent(.press, x: 5, y: 20)))  // below the last row
        #expect(state.selectedExchange?.id == 2)
        Fixtures.press([.enter], on: &state)
        _ = state.update(.mouse(MouseEvent(.wheelDown, x: 0, y: 5)))
        #expect(state.detail.scroll == 0)   // nothing to scroll in a short document
    }

    @Test func nAndPStepThroughDeliveriesKeepingTheTab() {
        var state = Fixtures.state(Fixtures.mixedStore())
        Fixtures.press([.character("g"), .enter, .character("2"), .character("n")], on: &state)
        #expect(state.detail.exchangeID == 2)
        #expect(state.detail.tab == .signature)
        #expect(Fixtures.render(state)[2] == "Status     ✗ invalid")
        Fixtures.press([.character("p"), .character("p")], on: &state)
        #expect(state.detail.exchangeID == 1)
        Fixtures.press([.escape], on: &state)
        #expect(state.selectedExchange?.id == 1)
    }
}

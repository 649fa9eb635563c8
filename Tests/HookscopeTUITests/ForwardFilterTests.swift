import HookscopeCore
import Testing
@testable import HookscopeTUI

/// `is:replay`, `is:forwarded` and `is:error`: the filter words for how an exchange came
/// to be, including an app answer that arrives after the sender's.
@Suite struct ForwardFilterTests {
    func ids(_ text: String, in store: CaptureStore = ForwardFixtures.store()) -> [Int] {
        FilterIndex(query: FilterQuery.parse(text), snapshot: store.snapshot()).matchedIDs
    }

    @Test func parsesIsWordsAndRejectsUnknownOnes() {
        let query = FilterQuery.parse("is:replay -is:Forwarded is:error is:bogus")
        #expect(query.terms == [.kind(.replay), .not(.kind(.forwarded)), .kind(.error)])
        #expect(query.problems == ["is: wants replay, forwarded or error"])
    }

    @Test func matchesReplaysForwardsAndFailures() {
        // 1 relayed, 2 overridden, 3 app down, 4 app slow, 5 replay, 6 failed replay.
        #expect(ids("is:replay") == [5, 6])
        #expect(ids("is:forwarded") == [1, 2, 3, 4])
        #expect(ids("is:error") == [3, 4, 6])
        #expect(ids("is:error -is:replay") == [3, 4])
        #expect(ids("-is:forwarded -is:replay").isEmpty)
        let plain = CaptureStore()
        plain.append(Fixtures.exchange())
        #expect(ids("is:forwarded", in: plain).isEmpty)
        #expect(ids("-is:forwarded", in: plain) == [1])
    }

    @Test func anAppAnswerAttachedAfterTheSendersIsMatchedWhenItArrives() {
        let store = CaptureStore()
        var exchange = ForwardFixtures.overridden(seconds: 0)
        exchange.upstream = nil
        exchange = store.append(exchange)
        store.append(Fixtures.exchange(seconds: 1))
        var forwarded = FilterIndex(query: FilterQuery.parse("is:forwarded"), snapshot: store.snapshot())
        var notForwarded = FilterIndex(query: FilterQuery.parse("-is:forwarded"), snapshot: store.snapshot())
        #expect(forwarded.matchedIDs.isEmpty)
        #expect(notForwarded.matchedIDs == [1, 2])
        exchange.upstream = ForwardFixtures.overridden().upstream
        store.update(exchange)
        forwarded.refresh(with: store.snapshot())
        notForwarded.refresh(with: store.snapshot())
        #expect(forwarded.matchedIDs == [1])
        #expect(notForwarded.matchedIDs == [2])
    }

    @Test func aPendingForwardIsMatchedWhenItsAnswerAndTheAppsArrive() {
        let store = CaptureStore()
        var exchange = store.append(ForwardFixtures.appDown(seconds: 0))
        let answered = exchange
        exchange.response = nil
        exchange.upstream = nil
        store.update(exchange)
        var index = FilterIndex(query: FilterQuery.parse("is:error"), snapshot: store.snapshot())
        #expect(index.matchedIDs.isEmpty)
        store.update(answered)
        index.refresh(with: store.snapshot())
        #expect(index.matchedIDs == [1])
    }

    @Test func helpListsTheIsWords() {
        let text = HelpScreen.lines(keymap: Keymap.standard).map(\.text)
        #expect(text.contains("  is:replay         replay; forwarded (went to your app); error (your app gave no answer)"))
    }
}

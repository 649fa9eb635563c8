import HookscopeCore
import Testing
@testable import HookscopeTUI

@Suite struct FilterQueryTests {
    @Test func parsesKeyedTermsWordsAndNegation() {
        let query = FilterQuery.parse(#"method:post  status:5xx provider:teamwork sig:no-secret event:deals.* -ping "two words" http://x"#)
        #expect(query.terms == [
            .method("POST"),
            .status(StatusPattern("5xx")!),
            .provider(GlobPattern("teamwork")),
            .signature(.noSecret),
            .event(GlobPattern("deals.*")),
            .not(.text("ping")),
            .text("two words"),
            .text("http://x"),
        ])
        #expect(query.problems.isEmpty)
    }

    @Test func reportsTermsItCannotUse() {
        let query = FilterQuery.parse("status:abc sig:weird word")
        #expect(query.terms == [.text("word")])
        #expect(query.problems.count == 2)
    }

    @Test func statusPatterns() {
        #expect(StatusPattern("5xx")!.matches(503))
        #expect(!StatusPattern("5xx")!.matches(404))
        #expect(StatusPattern("404")!.matches(404))
        #expect(StatusPattern("40x")!.matches(409))
        #expect(StatusPattern("400-499")!.matches(451))
        #expect(StatusPattern("none")!.matches(nil))
        #expect(!StatusPattern("2xx")!.matches(nil))
        #expect(StatusPattern("x00") == nil)
        #expect(StatusPattern("12") == nil)
    }

    @Test func globs() {
        #expect(GlobPattern("deals.*").matches("deals.created"))
        #expect(!GlobPattern("deals.*").matches("deal.created"))
        #expect(GlobPattern("TEAMWORK").matches("teamwork"))
        #expect(!GlobPattern("team").matches("teamwork"))
        #expect(GlobPattern("*.c?eated").matches("task.created"))
        #expect(!GlobPattern("x").matches(nil))
    }

    @Test func wordsMatchPathHeadersAndBodyCaseInsensitively() {
        let exchange = Fixtures.exchange(target: "/Hooks/Stripe", headers: [HeaderField("X-Request-Id", "ABC-123")], body: #"{"customer":"Zed"}"#)
        for word in ["stripe", "x-request", "abc-1", "zed", "CUSTOMER"] {
            #expect(FilterQuery.parse(word).matches(exchange), "\(word)")
        }
        #expect(!FilterQuery.parse("nothing").matches(exchange))
        #expect(!FilterQuery.parse("stripe -zed").matches(exchange))
    }

    @Test func termsCombine() {
        let store = Fixtures.mixedStore()
        let snapshot = store.snapshot()
        func ids(_ text: String) -> [Int] { snapshot.filter(FilterQuery.parse(text).matches).map(\.id) }
        #expect(ids("method:POST provider:productive") == [1, 3])
        #expect(ids("provider:productive status:5xx") == [3])
        #expect(ids("sig:invalid") == [2])
        #expect(ids("event:deal.*") == [1, 3])
        #expect(ids("method:GET") == [6])
        #expect(ids("status:2xx") == [1, 4, 5])
    }
}

@Suite struct FilterIndexTests {
    @Test func addsNewExchangesAndDropsEvictedOnes() {
        let store = CaptureStore(limits: .init(capacity: 4))
        for index in 0..<4 { store.append(Fixtures.exchange(target: index % 2 == 0 ? "/even" : "/odd")) }
        var index = FilterIndex(query: .parse("even"), snapshot: store.snapshot())
        #expect(index.matchedIDs == [1, 3])
        store.append(Fixtures.exchange(target: "/even"))
        store.append(Fixtures.exchange(target: "/odd"))
        index.refresh(with: store.snapshot())
        #expect(index.matchedIDs == [3, 5])
        store.removeAll()
        index.refresh(with: store.snapshot())
        #expect(index.matchedIDs.isEmpty)
        store.append(Fixtures.exchange(target: "/even"))
        index.refresh(with: store.snapshot())
        #expect(index.matchedIDs == [7])
    }

    @Test func rechecksPendingExchangesWhenTheirAnswerArrives() {
        let store = CaptureStore()
        let first = store.append(Fixtures.exchange(pending: true))
        store.append(Fixtures.exchange(status: 500))
        var index = FilterIndex(query: .parse("status:5xx"), snapshot: store.snapshot())
        #expect(index.matchedIDs == [2])
        var completed = first
        completed.response = ExchangeResponse(status: 503, source: .default, durationMilliseconds: 1)
        store.update(completed)
        index.refresh(with: store.snapshot())
        #expect(index.matchedIDs == [1, 2])
        #expect(index.row(ofID: 2) == 1)
        #expect(index.row(ofID: 3) == nil)
    }

    @Test func agreesWithAFullScanAfterManyChanges() {
        let store = CaptureStore(limits: .init(capacity: 50))
        var index = FilterIndex(query: .parse("status:4xx"), snapshot: store.snapshot())
        var pending: [Exchange] = []
        for step in 0..<300 {
            let exchange = store.append(Fixtures.exchange(status: [200, 404, 500][step % 3], pending: step % 3 == 0))
            if step % 3 == 0 { pending.append(exchange) }
            if step % 7 == 0, let waiting = pending.popLast() {
                var done = waiting
                done.response = ExchangeResponse(status: 400 + step % 2 * 100, source: .default, durationMilliseconds: 1)
                store.update(done)
            }
            if step % 10 == 0 { index.refresh(with: store.snapshot()) }
        }
        index.refresh(with: store.snapshot())
        let snapshot = store.snapshot()
        #expect(index.matchedIDs == snapshot.filter(index.query.matches).map(\.id))
    }
}

import Foundation
import Testing
@testable import HookscopeCore

/// `listen --load` numbers retries as live capture does: a saved file of three attempts
/// of one event loads as attempts 1, 2, 3 of one group (before: three rows with no group,
/// so the Attempts tab showed each alone), with the same key and change notes as live.
@Suite struct RetryGrouperLoadedTests {
    func attempt(_ seconds: Int64, body: String = #"{"id":"evt_1"}"#) -> Exchange {
        Exchange(
            receivedAt: Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000), remote: "127.0.0.1:1", method: "POST",
            target: "/hooks/teamwork", headers: [HeaderField("Content-Type", "application/json"), HeaderField("Delivery", "d-7")],
            body: Array(body.utf8),
            analysis: ExchangeAnalysis(provider: "teamwork", event: "deal.created", deliveryID: "d-7", signature: .unsigned)
        )
    }

    @Test func aSavedFileLoadsWithTheAttemptsAndGroupOfLiveCapture() throws {
        let live = RetryGrouper()
        let captured = [attempt(0), attempt(60), attempt(360, body: #"{"id":"evt_1","changed":true}"#)].map { exchange in
            var exchange = exchange
            live.assign(&exchange)
            return exchange
        }
        let lines = captured.map { ExchangeJSONLines.encode($0) }.joined(separator: "\n")
        let decoded = ExchangeFile.decode(lines).exchanges
        #expect(decoded.count == 3)
        #expect(decoded.allSatisfy { $0.analysis.retryKey == nil })   // the file keeps no key
        let loaded = RetryGrouper().assignLoaded(decoded) { _ in ExchangeAnalysis() }
        #expect(loaded.map(\.analysis.attempt) == [1, 2, 3])
        #expect(loaded.map(\.analysis.retryKey) == captured.map(\.analysis.retryKey))
        #expect(loaded.map(\.analysis.retryChange) == captured.map(\.analysis.retryChange))
        #expect(loaded[2].analysis.retryChange == "body differs from attempt 1")
        #expect(loaded.map(\.analysis.provider) == ["teamwork", "teamwork", "teamwork"])
    }

    /// A replay the terminal UI saved (`w`) between two deliveries of the event is not an
    /// attempt: live it was never numbered, so loaded it is not either (review L2), and
    /// the sender's retry after it is attempt 2, as it was live.
    @Test func aSavedReplayIsNotAnAttempt() throws {
        let live = RetryGrouper()
        var first = attempt(0)
        live.assign(&first)
        var replay = attempt(30)
        replay.remote = Exchange.replayRemote
        replay.replayOf = first.id
        var retry = attempt(60)
        live.assign(&retry)
        #expect(retry.analysis.attempt == 2)
        let lines = [first, replay, retry].map { ExchangeJSONLines.encode($0) }.joined(separator: "\n")
        let decoded = ExchangeFile.decode(lines).exchanges
        #expect(decoded.map(\.remote) == ["127.0.0.1:1", "hookscope replay", "127.0.0.1:1"])
        let loaded = RetryGrouper().assignLoaded(decoded) { _ in ExchangeAnalysis() }
        #expect(loaded.map(\.analysis.attempt) == [1, 1, 2])
        #expect(loaded[1].analysis.retryKey == nil, "the replay is in no group")
        #expect(loaded[2].analysis.retryKey == retry.analysis.retryKey)
        #expect(loaded[1].analysis.provider == "teamwork", "its saved analysis is kept")
    }

    @Test func rowsWithoutAnAnalysisAreAnalysedAndALiveRetryContinuesTheCount() {
        var bare = attempt(0)
        bare.analysis = ExchangeAnalysis()
        var rejected = attempt(1)
        rejected.rejection = "malformed"
        let grouper = RetryGrouper()
        let loaded = grouper.assignLoaded([bare, rejected]) { _ in ExchangeAnalysis(provider: "teamwork", deliveryID: "d-7") }
        #expect(loaded[0].analysis.provider == "teamwork")
        #expect(loaded[0].analysis.attempt == 1)
        #expect(loaded[1].analysis.retryKey == nil)
        var next = attempt(120)
        grouper.assign(&next)
        #expect(next.analysis.attempt == 2)
    }
}

import Testing
@testable import HookscopeCore

/// Remote intercept's pure parts: what a listener publishes, settles and carries out, and
/// how decisions are kept in the store.
@Suite struct HeldRequestsSyncTests {
    func held(_ id: Int) -> HeldRequestsSync.Held {
        HeldRequestsSync.Held(localID: id, deadline: Timestamp(nanosecondsSinceEpoch: Int64(id) * 1_000_000_000))
    }

    @Test func publishesOnceWatchesWhileHeldAndSettlesWhatTheListenerAnsweredItself() {
        var sync = HeldRequestsSync()
        var round = sync.round(holding: [held(1), held(2)])
        #expect(round.publish == [held(1), held(2)])
        #expect(round.settle.isEmpty && round.watch.isEmpty)
        // The insert failed (the database away): the next round publishes them again.
        round = sync.round(holding: [held(1), held(2)])
        #expect(round.publish.count == 2)
        sync.didPublish([1, 2])
        round = sync.round(holding: [held(1), held(2), held(3)])
        #expect(round.publish == [held(3)])
        #expect(round.watch == [1, 2])
        sync.didPublish([3])
        // 2 timed out (or was answered in the listener's own UI): marked in the store.
        round = sync.round(holding: [held(1), held(3)])
        #expect(round.settle == [2])
        #expect(round.watch == [1, 3])
        sync.didSettle([2])
        round = sync.round(holding: [held(1), held(3)])
        #expect(round.settle.isEmpty)
        round = sync.round(holding: [])
        #expect(round.settle == [1, 3])
    }

    @Test func aDecisionIsCarriedOutOnceAndOnlyForARequestStillPublished() {
        var sync = HeldRequestsSync()
        sync.didPublish([1, 2, 3])
        #expect(sync.decided(localID: 1, text: "503") == .answer(AnswerSpec(status: 503)))
        #expect(sync.decided(localID: 1, text: "503") == nil, "once")
        #expect(sync.decided(localID: 2, text: "drop") == .drop)
        #expect(sync.decided(localID: 9, text: "200") == nil, "not published here")
        #expect(sync.decided(localID: 3, text: "sometimes") == nil, "unreadable: the deadline answers by the plan")
        let after = sync.round(holding: [held(3)])
        #expect(after.isEmpty, "neither published again nor settled: \(after)")
    }

    @Test(arguments: [HeldDecision.answer(AnswerSpec(status: 503)), .answer(try! AnswerSpecParser.parseStep("429/retry-after=30")), .drop, .byListener])
    func aDecisionReadsBackFromItsText(_ decision: HeldDecision) {
        #expect(HeldDecision(text: decision.text) == decision)
    }

    @Test func theLosersAreToldWhoWon() {
        #expect(HeldDecisionOutcome.decided(.answer(AnswerSpec(status: 503))).message(id: 7) == "answered #7 with 503")
        #expect(HeldDecisionOutcome.decided(.drop).message(id: 7) == "dropped #7")
        let lost = HeldDecisionOutcome.alreadyDecided(by: "ana@laptop", decision: "503")
        #expect(lost.message(id: 7) == "#7 was already decided by ana@laptop: 503")
        #expect(lost.isError)
        #expect(HeldDecisionOutcome.alreadyDecided(by: "server-1", decision: "listener").message(id: 7) == "#7 was already decided by server-1: answered by the listener itself")
        #expect(HeldDecisionOutcome.tooLate.message(id: 7).contains("deadline passed"))
    }
}

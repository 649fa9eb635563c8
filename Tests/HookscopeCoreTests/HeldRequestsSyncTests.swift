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

    @Test(arguments: [HeldDecision.answer(AnswerSpec(status: 503)), .answer(try! AnswerSpecParser.parseStep("429/retry-after=30")), .drop, .byListener, .forward(forwarder: "0b0e5c1e-7d3c-4e0a-9a53-3f1f3c0c9d2a")])
    func aDecisionReadsBackFromItsText(_ decision: HeldDecision) {
        #expect(HeldDecision(text: decision.text) == decision)
    }

    @Test func theLosersAreToldWhoWon() {
        #expect(HeldDecisionOutcome.decided(.answer(AnswerSpec(status: 503))).message(id: 7) == "answered #7 with 503")
        #expect(HeldDecisionOutcome.decided(.drop).message(id: 7) == "dropped #7")
        #expect(HeldDecisionOutcome.decided(.forward(forwarder: "f")).message(id: 7) == "#7 is offered to your app through the store (its answer goes to the sender if your forwarder claims it within the listener's --claim-timeout)")
        // An offer, not a forward done (session 16 review M2).
        #expect(HeldDecisionOutcome.summary([(1, .decided(.forward(forwarder: "f"))), (2, .decided(.forward(forwarder: "f")))])
                == "offered 2 to your app through the store")
        #expect(HeldDecisionOutcome.alreadyDecided(by: "bo@desk", decision: "forward f").message(id: 7) == "#7 was already decided by bo@desk: offered to a forwarder's app")
        #expect(HeldDecision(text: "forward ") == nil && HeldDecision(text: "forward a b") == nil, "no id, or not one")
        let lost = HeldDecisionOutcome.alreadyDecided(by: "ana@laptop", decision: "503")
        #expect(lost.message(id: 7) == "#7 was already decided by ana@laptop: 503")
        #expect(lost.isError)
        #expect(HeldDecisionOutcome.alreadyDecided(by: "server-1", decision: "listener").message(id: 7) == "#7 was already decided by server-1: answered by the listener itself")
        #expect(HeldDecisionOutcome.tooLate.message(id: 7).contains("deadline passed"))
    }

    @Test func whatTheListenerCarriedOutIsConfirmedAndADecisionItCouldNotCarryOutIsSettledItsOwn() {
        var sync = HeldRequestsSync()
        sync.didPublish([1, 2, 3])
        #expect(sync.decided(localID: 1, text: "503") == .answer(AnswerSpec(status: 503)))
        sync.carriedOut(localID: 1, .answer(AnswerSpec(status: 503)), applied: true)
        #expect(sync.decided(localID: 2, text: "drop") == .drop)
        // Its timer answered 2 in the same instant: the sender got the plan's answer.
        sync.carriedOut(localID: 2, .drop, applied: false)
        var round = sync.round(holding: [held(3)])
        #expect(round.confirm == [HeldRequestsSync.Applied(localID: 1, text: "503")])
        #expect(round.settle == [2], "the listener's own answer, over the decision in the store")
        #expect(round.watch == [3] && round.publish.isEmpty)
        // The writes failed (the database away): the same again.
        #expect(sync.round(holding: [held(3)]) == round)
        sync.didConfirm([1])
        sync.didSettle([2])
        round = sync.round(holding: [held(3)])
        #expect(round.confirm.isEmpty && round.settle.isEmpty && round.watch == [3])
    }

    @Test func anUnreadableDecisionIsNotReadAgainAndTheListenersAnswerIsMarkedOnceItAnswers() {
        var sync = HeldRequestsSync()
        sync.didPublish([1])
        #expect(sync.decided(localID: 1, text: "sometimes") == nil)
        #expect(sync.round(holding: [held(1)]).isEmpty, "not watched while its deadline runs")
        #expect(sync.round(holding: []).settle == [1], "answered by the plan: the row says so")
    }

    @Test func aWinningDecisionIsReportedOnlyAsTheListenerConfirmsIt() throws {
        let mine = HeldDecision.answer(AnswerSpec(status: 503))
        let timeout = HeldListenerAnswer(status: 200, source: .timeout)
        typealias Outcome = HeldDecisionOutcome
        #expect(Outcome.confirmation(of: mine, row: HeldRowReading(applied: nil, answer: nil), final: false) == nil, "waits")
        #expect(Outcome.confirmation(of: mine, row: HeldRowReading(applied: nil, answer: timeout), final: true) == .unconfirmed(mine))
        #expect(Outcome.confirmation(of: mine, row: HeldRowReading(applied: "503", answer: nil), final: false) == .decided(mine))
        #expect(Outcome.confirmation(of: mine, row: HeldRowReading(applied: "listener", answer: nil), final: false) == nil,
                "waits for the answer the sender got")
        #expect(Outcome.confirmation(of: mine, row: HeldRowReading(applied: "listener", answer: timeout), final: false) == .listenerAnsweredFirst(timeout))
        #expect(Outcome.confirmation(of: mine, row: HeldRowReading(applied: "listener", answer: nil), final: true) == .listenerAnsweredFirst(nil))
        #expect(Outcome.confirmation(of: .drop, row: HeldRowReading(applied: "503", answer: nil), final: true) == .listenerAnsweredFirst(nil),
                "a decision other than mine went out")
        // A spec whose text is not all of it (session 15 review, L2): what the store had is
        // what the listener carried out.
        let hang = HeldDecision.answer(try AnswerSpecParser.parseStep("hang/retry-after=5"))
        #expect(Outcome.confirmation(of: hang, row: HeldRowReading(applied: hang.text, answer: nil), final: false) == .decided(hang))
        #expect(Outcome.listenerAnsweredFirst(timeout).message(id: 17) == "the listener had already answered #17: 200 at its deadline")
        #expect(Outcome.listenerAnsweredFirst(HeldListenerAnswer(status: nil, source: .disconnected)).message(id: 17)
                == "the listener had already answered #17: none: the sender hung up")
        #expect(Outcome.listenerAnsweredFirst(nil).message(id: 17) == "the listener had already answered #17 itself")
        #expect(Outcome.unconfirmed(mine).message(id: 17) == "#17: 503 is in the store; no confirmation from the listener yet")
        #expect(Outcome.unconfirmed(mine).isError && Outcome.listenerAnsweredFirst(nil).isError && !Outcome.decided(mine).isError)
    }

    @Test func manyOutcomesAreSummedUpInOneMessage() {
        let answer = HeldDecisionOutcome.decided(.answer(AnswerSpec(status: 503)))
        var outcomes: [(id: Int, outcome: HeldDecisionOutcome)] = (1...37).map { ($0, answer) }
        outcomes += (38...40).map { ($0, .alreadyDecided(by: "ana@laptop", decision: "drop")) }
        #expect(HeldDecisionOutcome.summary(outcomes) == "answered 37 with 503; 3 already decided by ana@laptop")
        outcomes += [(41, .listenerAnsweredFirst(nil)), (42, .unconfirmed(.drop)), (43, .tooLate), (44, .gone), (45, .alreadyDecided(by: "bo@desk", decision: "410"))]
        #expect(HeldDecisionOutcome.summary(outcomes) == "answered 37 with 503; the listener had already answered 1 itself (#41); "
                + "1 in the store, no confirmation from the listener yet; 3 already decided by ana@laptop; 1 already decided by bo@desk; 2 no longer waiting")
        #expect(HeldDecisionOutcome.summary([(7, .decided(.drop)), (8, .decided(.drop))]) == "dropped 2")
        #expect(HeldDecisionOutcome.summary([(7, answer)]) == "answered #7 with 503", "one request: its own message")
    }
}

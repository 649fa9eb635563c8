import Testing
@testable import HookscopeCore

/// The headless log of remote intercept in `attach --headless/--json`.
@Suite struct HeldRequestLinesTests {
    let now = Timestamp(nanosecondsSinceEpoch: 1_000_000_000_000)

    func at(_ seconds: Int64) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: now.nanosecondsSinceEpoch + seconds * 1_000_000_000)
    }

    /// Answered (`applied`) a second after `now` unless `appliedAt` says otherwise.
    func row(_ id: Int, deadline: Int64 = 25, decision: String? = nil, by: String? = nil, applied: String? = nil, appliedAt: Int64 = 1,
             overridden: String? = nil, overriddenBy: String? = nil) -> HeldRequestLines.Row {
        HeldRequestLines.Row(exchangeID: id, listener: "server-1", deadline: at(deadline), decision: decision, decidedBy: by,
                             applied: applied, appliedAt: applied == nil ? nil : at(appliedAt), overridden: overridden, overriddenBy: overriddenBy)
    }

    @Test func aHeldRequestIsALineWhenItAppearsAndOneWhenItIsAnswered() {
        var lines = HeldRequestLines(since: now)
        #expect(lines.lines(for: [], now: now).isEmpty)
        #expect(lines.lines(for: [row(17)], now: now) == ["held #17 by server-1: waiting for a decision (25 s left)"])
        #expect(lines.lines(for: [row(17)], now: at(1)).isEmpty, "once")
        // Decided in the store, not yet carried out: nothing to say yet.
        #expect(lines.lines(for: [row(17, decision: "503", by: "ana@laptop")], now: at(2)).isEmpty)
        #expect(lines.lines(for: [row(17, decision: "503", by: "ana@laptop", applied: "503"), row(18)], now: at(3))
                == ["held #17: 503, decided by ana@laptop", "held #18 by server-1: waiting for a decision (22 s left)"])
        #expect(lines.lines(for: [row(17, decision: "503", by: "ana@laptop", applied: "503"), row(18)], now: at(4)).isEmpty)
        #expect(lines.lines(for: [row(18, decision: "listener", by: "server-1", applied: "listener", overridden: "drop", overriddenBy: "bo@desk")], now: at(30))
                == ["held #18: answered by server-1 itself (bo@desk's decision, dropped, came too late)"])
    }

    @Test func whatWasAnsweredBeforeAttachStartedIsHistoryAndADecisionSeenOnlyAnsweredIsStillALine() {
        var lines = HeldRequestLines(since: now)
        #expect(lines.lines(for: [row(5, decision: "drop", by: "ana@laptop", applied: "drop", appliedAt: -3), row(6)], now: now)
                == ["held #6 by server-1: waiting for a decision (25 s left)"])
        // Held and answered between two reads.
        #expect(lines.lines(for: [row(6), row(7, decision: "listener", by: "server-1", applied: "listener")], now: at(1))
                == ["held #7: answered by server-1 itself"])
        // The first read came late (a slow connection): what was answered since the start
        // is still told.
        var late = HeldRequestLines(since: now)
        #expect(late.lines(for: [row(5, decision: "drop", by: "ana@laptop", applied: "drop", appliedAt: -3),
                                 row(8, decision: "503", by: "ana@laptop", applied: "503", appliedAt: 2)], now: at(4))
                == ["held #8: 503, decided by ana@laptop"])
    }

    @Test func aListenerThatNeverWritesBackIsSaidSoAfterItsDeadline() {
        var lines = HeldRequestLines(since: now)
        _ = lines.lines(for: [row(9, deadline: 2)], now: now)
        #expect(lines.lines(for: [row(9, deadline: 2)], now: at(6)).isEmpty, "its word may take a moment")
        #expect(lines.lines(for: [row(9, deadline: 2)], now: at(8)) == ["held #9: server-1 has not said how it answered (it may have lost the store)"])
        #expect(lines.lines(for: [row(9, deadline: 2)], now: at(9)).isEmpty)
    }
}

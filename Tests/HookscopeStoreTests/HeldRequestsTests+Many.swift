import Foundation
import HookscopeCore
import HookscopeStore
import Testing

extension HeldRequestsTests {
    /// Review L1: `A` on 40 held requests decides them on one connection in one statement,
    /// and the UI gets one message for all: those someone else decided first say who.
    @Test func manyDecisionsUseOneConnectionAndSumUpInOneMessage() async throws {
        let count = 40
        let listening = try await Listening("server-4", holding: count)
        let (store, controller) = (listening.store, listening.controller)
        let ana = HeldRequestsFollower(connector: store.connector)
        let bo = HeldRequestsFollower(connector: store.connector)
        let following = Task { await ana.follow() }
        defer { following.cancel() }
        try await eventually("the UI sees every held request") { ana.waiting.count == count }
        let ids = ana.waiting.map(\.exchangeID)
        for id in ids.suffix(3) { #expect(try await bo.decideOne(id, .drop, by: "bo@desk") == .decided(.drop)) }

        let sessions = { Int(try store.psql("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")) ?? -1 }
        let before = try sessions()
        let outcomes = try await ana.decide(exchangeIDs: ids, .answer(AnswerSpec(status: 503)), by: "ana@laptop", confirmWithin: .seconds(30))
        // Its own, and the psql that counts (the listener's and the UI's connections stay open).
        let opened = try sessions() - before
        #expect(opened <= 3, "\(opened) sessions for one decision on \(count) requests")
        #expect(outcomes.map(\.id) == ids, "in the order asked")
        #expect(outcomes.filter { $0.outcome == .decided(.answer(AnswerSpec(status: 503))) }.count == count - 3)
        #expect(outcomes.suffix(3).allSatisfy { $0.outcome == .alreadyDecided(by: "bo@desk", decision: "drop") })
        #expect(HeldDecisionOutcome.summary(outcomes) == "answered 37 with 503; 3 already decided by bo@desk")
        try await eventually("the listener carried out every decision") { controller.carriedOut.withLock { $0.count } == count }
        #expect(controller.carriedOut.withLock { $0.values.filter { $0.1 == "ana@laptop" }.count } == count - 3)
        #expect(try store.psql("SELECT count(*) FROM hookscope_held WHERE applied = decision AND applied_at IS NOT NULL") == "\(count)")
        await listening.finish()
    }
}

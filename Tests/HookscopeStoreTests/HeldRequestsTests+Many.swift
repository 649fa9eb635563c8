import Foundation
import HookscopeCore
import HookscopeStore
import PostgresTestServer
import Synchronization
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

        // The decider's sessions, by their name, as the server lists them while the decision
        // runs (session 16 review L8: pg_stat_database.sessions is flushed at most once a
        // second, and a connection abandoned a moment before was not counted yet).
        let name = "decider-\(store.url.database)"
        let decider = HeldRequestsFollower(connector: store.connector.named(name))
        final class Seen: Sendable { let state = Mutex<(pids: Set<String>, most: Int)>(([], 0)) }
        let seen = Seen()
        let deciding = Task {
            try await decider.decide(exchangeIDs: ids, .answer(AnswerSpec(status: 503)), by: "ana@laptop", confirmWithin: .seconds(30))
        }
        let (server, database) = (store.server, store.url.database)
        let sampling = Task {
            while !Task.isCancelled {
                let listed = (try? await PostgresTestServer.offThePool {
                    try server.psql(database, "SELECT coalesce(string_agg(pid::text, ','), '') FROM pg_stat_activity WHERE application_name = '\(name)'")
                }) ?? ""
                let pids = listed.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map(String.init)
                seen.state.withLock { $0.pids.formUnion(pids); $0.most = max($0.most, pids.count) }
            }
        }
        let outcomes = try await deciding.value
        sampling.cancel()
        await sampling.value
        let (pids, most) = seen.state.withLock { $0 }
        #expect(most <= 1 && pids.count <= 1, "one connection for one decision on \(count) requests: \(pids) (at most \(most) at once)")
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

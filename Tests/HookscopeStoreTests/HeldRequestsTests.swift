import Foundation
import HookscopeCore
import HookscopeStore
import Synchronization
import Testing

/// Remote intercept against a real PostgreSQL server: a listener's publisher and two
/// attached UIs' followers, as `listen` and `attach` run them.
@Suite struct HeldRequestsTests {
    /// What the listener's intercept controller holds, and what it was told to do.
    final class Controller: Sendable {
        let held = Mutex<[Int: Timestamp]>([:])
        let carriedOut = Mutex<[Int: (HeldDecision, String)]>([:])

        var holding: [HeldRequestsSync.Held] {
            held.withLock { $0.map { HeldRequestsSync.Held(localID: $0.key, deadline: $0.value) }.sorted { $0.localID < $1.localID } }
        }

        func carryOut(_ id: Int, _ decision: HeldDecision, _ by: String) {
            guard held.withLock({ $0.removeValue(forKey: id) }) != nil else { return }
            carriedOut.withLock { $0[id] = (decision, by) }
        }
    }

    @Test func twoDecidersRaceExactlyOneWinsAndTheOtherSeesWho() async throws {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "server-1", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        writer.begin(listenerURL: "http://127.0.0.1:1")
        let controller = Controller()
        let publisher = HeldRequestsPublisher(connector: store.connector, run: writer.run, listenerName: "server-1",
                                              holding: { controller.holding }, carryOut: controller.carryOut)
        let publishing = Task { await publisher.follow() }
        let count = 20
        let deadline = Timestamp(nanosecondsSinceEpoch: Timestamp.now().nanosecondsSinceEpoch + 120_000_000_000)
        for n in 1...count {
            var exchange = delivery(n); exchange.id = n
            writer.enqueue(.captured, exchange)
            controller.held.withLock { $0[n] = deadline }
        }
        let ana = HeldRequestsFollower(connector: store.connector)
        let bo = HeldRequestsFollower(connector: store.connector)
        let following = [Task { await ana.follow() }, Task { await bo.follow() }]
        defer { following.forEach { $0.cancel() }; publishing.cancel() }
        try await eventually("both UIs see every held request") { ana.waiting.count == count && bo.waiting.count == count }

        var winners: [Int: String] = [:]
        for exchangeID in ana.waiting.map(\.exchangeID) {
            async let first = ana.decide(exchangeID: exchangeID, .answer(AnswerSpec(status: 503)), by: "ana@laptop")
            async let second = bo.decide(exchangeID: exchangeID, .drop, by: "bo@desk")
            let outcomes = try await [first, second]
            switch (outcomes[0], outcomes[1]) {
            case (.decided(.answer(let spec)), .alreadyDecided(let by, let text)):
                #expect(spec.status == 503)
                #expect(by == "ana@laptop" && text == "503", "bo is told ana answered, and with what")
                winners[exchangeID] = "ana@laptop"
            case (.alreadyDecided(let by, let text), .decided(.drop)):
                #expect(by == "bo@desk" && text == "drop")
                winners[exchangeID] = "bo@desk"
            default:
                Issue.record("#\(exchangeID): not exactly one winner: \(outcomes)")
            }
        }
        #expect(winners.count == count)
        // The listener carries out each winner's decision, and only that one.
        try await eventually("the listener carried out every decision") { controller.carriedOut.withLock { $0.count } == count }
        let carried = controller.carriedOut.withLock { $0 }
        let localByExchange = try Dictionary(uniqueKeysWithValues: store.psql(
            "SELECT string_agg(id || ':' || local_id, ',') FROM hookscope_exchanges").split(separator: ",").map { pair in
                let parts = pair.split(separator: ":").map { Int($0)! }
                return (parts[0], parts[1])
            })
        for (exchangeID, winner) in winners {
            let local = try #require(localByExchange[exchangeID])
            let (decision, by) = try #require(carried[local])
            #expect(by == winner)
            #expect(decision == (winner == "ana@laptop" ? .answer(AnswerSpec(status: 503)) : .drop))
        }
        try await eventually("decided requests are no longer shown waiting") { ana.waiting.isEmpty && bo.waiting.isEmpty }
        _ = await writer.finish()
    }

    @Test func whatTheListenerAnsweredItselfIsMarkedAndALateDeciderIsToldSo() async throws {
        let store = try await TestStore()
        let writer = StoreWriter(connector: store.connector, listenerName: "server-2", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        writer.begin(listenerURL: "http://127.0.0.1:1")
        let controller = Controller()
        let publisher = HeldRequestsPublisher(connector: store.connector, run: writer.run, listenerName: "server-2",
                                              holding: { controller.holding }, carryOut: controller.carryOut)
        let publishing = Task { await publisher.follow() }
        var exchange = delivery(1); exchange.id = 1
        writer.enqueue(.captured, exchange)
        controller.held.withLock { $0[1] = Timestamp(nanosecondsSinceEpoch: Timestamp.now().nanosecondsSinceEpoch + 120_000_000_000) }
        let ana = HeldRequestsFollower(connector: store.connector)
        let following = Task { await ana.follow() }
        defer { following.cancel(); publishing.cancel() }
        try await eventually("the UI sees it") { ana.waiting.count == 1 }
        let exchangeID = try #require(ana.waiting.first?.exchangeID)
        // Answered in the listener's own UI (or timed out): it lets go, and marks the row.
        controller.held.withLock { $0 = [:] }
        try await eventually("the row is marked") {
            try store.psql("SELECT decision || ' ' || decided_by FROM hookscope_held") == "listener server-2"
        }
        try await eventually("no longer shown") { ana.waiting.isEmpty }
        #expect(try await ana.decide(exchangeID: exchangeID, .drop, by: "ana@laptop") == .alreadyDecided(by: "server-2", decision: "listener"))
        #expect(try await ana.decide(exchangeID: exchangeID + 1000, .drop, by: "ana@laptop") == .gone)
        #expect(controller.carriedOut.withLock { $0.isEmpty })
        _ = await writer.finish()
    }
}

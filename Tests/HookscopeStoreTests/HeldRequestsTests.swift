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

        func carryOut(_ id: Int, _ decision: HeldDecision, _ by: String) -> Bool {
            guard held.withLock({ $0.removeValue(forKey: id) }) != nil else { return false }
            carriedOut.withLock { $0[id] = (decision, by) }
            return true
        }
    }

    /// A listener's writer and publisher on a fresh store, holding requests 1...count for
    /// two minutes (the tests decide them long before).
    struct Listening {
        let store: TestStore
        let writer: StoreWriter
        let controller = Controller()
        let publishing: Task<Void, Never>

        init(_ name: String, holding count: Int) async throws {
            store = try await TestStore()
            writer = StoreWriter(connector: store.connector, listenerName: name, queueBytes: 1 << 20, retention: nil)
            try await writer.connect()
            writer.begin(listenerURL: "http://127.0.0.1:1")
            let controller = self.controller
            let publisher = HeldRequestsPublisher(connector: store.connector, run: writer.run, listenerName: name,
                                                  holding: { controller.holding }, carryOut: controller.carryOut)
            publishing = Task { await publisher.follow() }
            let deadline = Timestamp(nanosecondsSinceEpoch: Timestamp.now().nanosecondsSinceEpoch + 120_000_000_000)
            for n in 1...count {
                var exchange = delivery(n); exchange.id = n
                writer.enqueue(.captured, exchange)
                controller.held.withLock { $0[n] = deadline }
            }
        }

        func finish() async {
            publishing.cancel()
            _ = await writer.finish()
        }
    }

    @Test func twoDecidersRaceExactlyOneWinsAndTheOtherSeesWho() async throws {
        let count = 20
        let listening = try await Listening("server-1", holding: count)
        let (store, controller) = (listening.store, listening.controller)
        let ana = HeldRequestsFollower(connector: store.connector)
        let bo = HeldRequestsFollower(connector: store.connector)
        let following = [Task { await ana.follow() }, Task { await bo.follow() }]
        defer { following.forEach { $0.cancel() } }
        try await eventually("both UIs see every held request") { ana.waiting.count == count && bo.waiting.count == count }

        var winners: [Int: String] = [:]
        for exchangeID in ana.waiting.map(\.exchangeID) {
            async let first = ana.decideOne(exchangeID, .answer(AnswerSpec(status: 503)), by: "ana@laptop")
            async let second = bo.decideOne(exchangeID, .drop, by: "bo@desk")
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
        // The listener carried out each winner's decision (the winner was told only once it
        // confirmed), and only that one.
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
        #expect(try store.psql("SELECT count(*) FROM hookscope_held WHERE applied = decision AND applied_at IS NOT NULL") == "\(count)",
                "the listener confirmed each")
        try await eventually("decided requests are no longer shown waiting") { ana.waiting.isEmpty && bo.waiting.isEmpty }
        await listening.finish()
    }

    @Test func whatTheListenerAnsweredItselfIsMarkedAndALateDeciderIsToldSo() async throws {
        let listening = try await Listening("server-2", holding: 1)
        let (store, controller) = (listening.store, listening.controller)
        let ana = HeldRequestsFollower(connector: store.connector)
        let following = Task { await ana.follow() }
        defer { following.cancel() }
        try await eventually("the UI sees it") { ana.waiting.count == 1 }
        let exchangeID = try #require(ana.waiting.first?.exchangeID)
        // Answered in the listener's own UI (or timed out): it lets go, and marks the row.
        controller.held.withLock { $0 = [:] }
        try await eventually("the row is marked") {
            try store.psql("SELECT decision || ' ' || decided_by || ' ' || applied || ' ' || (applied_at IS NOT NULL) FROM hookscope_held") == "listener server-2 listener true"
        }
        try await eventually("no longer shown") { ana.waiting.isEmpty }
        #expect(try await ana.decideOne(exchangeID, .drop, by: "ana@laptop") == .alreadyDecided(by: "server-2", decision: "listener"))
        #expect(try await ana.decideOne(exchangeID + 1000, .drop, by: "ana@laptop") == .gone)
        #expect(controller.carriedOut.withLock { $0.isEmpty })
        await listening.finish()
    }
}

extension HeldRequestsFollower {
    /// One request, as `a` decides it; a generous confirmation wait, as the tests run on a
    /// loaded machine and check what the listener did, not how fast.
    func decideOne(_ exchangeID: Int, _ decision: HeldDecision, by who: String) async throws -> HeldDecisionOutcome {
        try await decide(exchangeIDs: [exchangeID], decision, by: who, confirmWithin: .seconds(30)).first?.outcome ?? .gone
    }
}

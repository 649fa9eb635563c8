import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Synchronization
import Testing

/// Review M3 against a real PostgreSQL server: a decision from an attached UI is reported
/// `decided` only when the listener carried it out, and the record says what the sender
/// got, also when a decision and the listener's own answer meet in the same instant.
@Suite struct HeldRequestsConfirmationTests {
    /// The listener's intercept controller as InterceptController behaves: each request is
    /// answered by the plan when its own timer fires, unless a decision came first; and what
    /// each sender got (`plan`, or the decision's text).
    final class TimedController: Sendable {
        struct Entry {
            /// When the controller's own timer answers it.
            var timer: ContinuousClock.Instant
            /// The deadline the listener publishes (its wall clock; a skewed one in a test).
            var published: Timestamp
        }

        let held = Mutex<[Int: Entry]>([:])
        let sent = Mutex<[Int: String]>([:])

        var holding: [HeldRequestsSync.Held] {
            held.withLock { $0.map { HeldRequestsSync.Held(localID: $0.key, deadline: $0.value.published) } }.sorted { $0.localID < $1.localID }
        }

        /// As InterceptController.decide: false when the request is no longer waiting; a
        /// timer already due has answered it (the instant the decision came too late).
        func carryOut(_ id: Int, _ decision: HeldDecision, _ by: String) -> Bool {
            let now = ContinuousClock.now
            return held.withLock { held in
                guard let entry = held.removeValue(forKey: id) else { return false }
                let onTime = entry.timer > now
                sent.withLock { $0[id] = onTime ? decision.text : "plan" }
                return onTime
            }
        }

        /// The timers: what is due is answered by the plan.
        func expire() {
            let now = ContinuousClock.now
            held.withLock { held in
                for (id, entry) in held where entry.timer <= now {
                    held[id] = nil
                    sent.withLock { $0[id] = "plan" }
                }
            }
        }
    }

    struct Listener {
        let store: TestStore
        let writer: StoreWriter
        let controller = TimedController()
        let publisher: HeldRequestsPublisher

        init(_ name: String) async throws {
            store = try await TestStore()
            writer = StoreWriter(connector: store.connector, listenerName: name, queueBytes: 1 << 20, retention: nil)
            try await writer.connect()
            writer.begin(listenerURL: "http://127.0.0.1:1")
            let controller = self.controller
            publisher = HeldRequestsPublisher(connector: store.connector, run: writer.run, listenerName: name,
                                              holding: { controller.holding }, carryOut: controller.carryOut)
        }

        /// Holds request `n` until `timer`, publishing `published` as its deadline; in the
        /// store with the answer the plan gives at the timer (what the sender gets then).
        func hold(_ n: Int, timer: ContinuousClock.Instant, published: Timestamp) {
            var exchange = delivery(n); exchange.id = n
            writer.enqueue(.captured, exchange)
            controller.held.withLock { $0[n] = TimedController.Entry(timer: timer, published: published) }
        }

        /// The listener writes the exchange's answer once the sender got it.
        func answered(_ n: Int, status: Int?, source: ExchangeResponse.Source) {
            var exchange = delivery(n); exchange.id = n
            exchange.response = ExchangeResponse(status: status, source: source, durationMilliseconds: 1)
            writer.enqueue(.completed, exchange)
        }

        /// The store's id for request `n`, once written.
        func exchangeID(_ n: Int) async throws -> Int {
            try await eventually("#\(n) is in the store") { try !store.psql("SELECT id FROM hookscope_exchanges WHERE local_id = \(n)").isEmpty }
            return try #require(Int(store.psql("SELECT id FROM hookscope_exchanges WHERE local_id = \(n)")))
        }

        func row(_ n: Int) throws -> String {
            try store.psql("""
                SELECT concat_ws(' ', decision, decided_by, applied, overridden, overridden_by, applied_at IS NOT NULL)
                FROM hookscope_held WHERE local_id = \(n)
                """)
        }
    }

    static func inSeconds(_ seconds: Double) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: Timestamp.now().nanosecondsSinceEpoch + Int64(seconds * 1e9))
    }

    /// The decision is read while the controller's own timer has just answered (the
    /// request is still in the list the round took): not carried out, so the decider is
    /// told what the sender got, and the row becomes the listener's own with the losing
    /// choice kept.
    @Test func aDecisionThatMeetsTheListenersOwnAnswerIsReportedAsWhatTheSenderGot() async throws {
        let listener = try await Listener("server-1")
        listener.hold(1, timer: .now + .seconds(3600), published: Self.inSeconds(120))
        let publishing = Task { await listener.publisher.follow() }
        let ana = HeldRequestsFollower(connector: listener.store.connector)
        let following = Task { await ana.follow() }
        defer { following.cancel(); publishing.cancel() }
        try await eventually("the UI sees it") { ana.waiting.count == 1 }
        let exchangeID = try #require(ana.waiting.first?.exchangeID)
        // Its timer fires now: the sender gets the plan's 200, and the next decision is late.
        listener.controller.held.withLock { $0[1]?.timer = .now }
        listener.answered(1, status: 200, source: .timeout)
        let outcome = try await ana.decideOne(exchangeID, .answer(AnswerSpec(status: 503)), by: "ana@laptop")
        #expect(outcome == .listenerAnsweredFirst(HeldListenerAnswer(status: 200, source: .timeout)))
        #expect(outcome.message(id: exchangeID) == "the listener had already answered #\(exchangeID): 200 at its deadline")
        #expect(listener.controller.sent.withLock { $0[1] } == "plan")
        #expect(try listener.row(1) == "listener server-1 listener 503 ana@laptop t")
        _ = await listener.writer.finish()
    }

    /// The other order: the listener answered itself, and a decision committed before its
    /// next round marked the row. The round overwrites that decision (not only undecided
    /// rows), and the waiting decider learns it.
    @Test func theListenersOwnAnswerOverwritesADecisionThatCommittedFirst() async throws {
        let listener = try await Listener("server-2")
        listener.hold(1, timer: .now + .seconds(3600), published: Self.inSeconds(120))
        let connection = try await listener.store.connector.connect()
        defer { StoreConnector.abandon(connection) }
        try await listener.publisher.round(holding: listener.controller.holding, on: connection)
        let ana = HeldRequestsFollower(connector: listener.store.connector)
        let exchangeID = try await listener.exchangeID(1)
        // Ana's decision commits while this listener is between rounds...
        let deciding = Task { try await ana.decideOne(exchangeID, .drop, by: "ana@laptop") }
        try await eventually("ana's decision is in the store") { try listener.row(1) == "drop ana@laptop f" }
        // ...in which its own terminal UI answered 410.
        listener.controller.held.withLock { $0 = [:] }
        listener.answered(1, status: 410, source: .intercept)
        try await listener.publisher.round(holding: listener.controller.holding, on: connection)
        #expect(try listener.row(1) == "listener server-2 listener drop ana@laptop t")
        let outcome = try await deciding.value
        #expect(outcome == .listenerAnsweredFirst(HeldListenerAnswer(status: 410, source: .intercept)))
        #expect(outcome.message(id: exchangeID) == "the listener had already answered #\(exchangeID): 410 from its own terminal UI")
        _ = await listener.writer.finish()
    }

    /// A listener that does not write back (it lost the database, or stopped looking): the
    /// decider is told its decision is in the store, not that the sender got it.
    @Test func aListenerThatSaysNothingLeavesTheDecisionUnconfirmed() async throws {
        let listener = try await Listener("server-4")
        listener.hold(1, timer: .now + .seconds(3600), published: Self.inSeconds(120))
        let connection = try await listener.store.connector.connect()
        defer { StoreConnector.abandon(connection) }
        try await listener.publisher.round(holding: listener.controller.holding, on: connection)
        let exchangeID = try await listener.exchangeID(1)
        let ana = HeldRequestsFollower(connector: listener.store.connector)
        let outcomes = try await ana.decide(exchangeIDs: [exchangeID], .drop, by: "ana@laptop", confirmWithin: .milliseconds(300))
        #expect(outcomes.map(\.outcome) == [.unconfirmed(.drop)])
        #expect(HeldDecisionOutcome.summary(outcomes) == "#\(exchangeID): dropped is in the store; no confirmation from the listener yet")
        #expect(try listener.row(1) == "drop ana@laptop f")
        _ = await listener.writer.finish()
    }

    /// Decisions near the deadline with the listener's clock 1.5 s behind the database's
    /// (the row's deadline is later than its timer): whatever the timing, a decider is
    /// told `decided` only when that decision is what the sender got, and every row ends
    /// saying what the sender got.
    @Test func nearTheDeadlineTheDeciderIsToldOnlyWhatTheSenderGot() async throws {
        let listener = try await Listener("server-3")
        let count = 12
        let start = ContinuousClock.now + .seconds(6)
        var timers: [Int: ContinuousClock.Instant] = [:]
        for n in 1...count {
            timers[n] = start + .milliseconds(150 * n)
            listener.hold(n, timer: start + .milliseconds(150 * n), published: Self.inSeconds(6 + 0.15 * Double(n) + 1.5))
        }
        let publishing = Task { await listener.publisher.follow() }
        let expiring = Task {
            while !Task.isCancelled {
                listener.controller.expire()
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        let ana = HeldRequestsFollower(connector: listener.store.connector)
        defer { publishing.cancel(); expiring.cancel() }
        try await eventually("all published") { try listener.store.psql("SELECT count(*) FROM hookscope_held") == "\(count)" }
        try await eventually("all in the store") { try listener.store.psql("SELECT count(*) FROM hookscope_exchanges") == "\(count)" }
        let pairs = try listener.store.psql("SELECT string_agg(local_id || ':' || id, ',') FROM hookscope_exchanges").split(separator: ",")
        let ids = Dictionary(uniqueKeysWithValues: pairs.map { pair in
            let parts = pair.split(separator: ":").map { Int($0)! }
            return (parts[0], parts[1])
        })
        // From 600 ms before each timer to 600 ms after it.
        let outcomes = try await withThrowingTaskGroup(of: (Int, HeldDecisionOutcome).self) { group in
            for n in 1...count {
                let at = timers[n]! + .milliseconds(-600 + 1200 * (n - 1) / (count - 1))
                group.addTask {
                    try await Task.sleep(until: at)
                    return (n, try await ana.decideOne(ids[n]!, .answer(AnswerSpec(status: 503)), by: "ana@laptop"))
                }
            }
            var all: [Int: HeldDecisionOutcome] = [:]
            for try await (n, outcome) in group { all[n] = outcome }
            return all
        }
        try await eventually("every sender got an answer") { listener.controller.sent.withLock { $0.count } == count }
        let sent = listener.controller.sent.withLock { $0 }
        for n in 1...count {
            let outcome = try #require(outcomes[n])
            switch outcome {
            case .decided(let decision):
                #expect(sent[n] == decision.text, "#\(n): told decided, the sender got \(sent[n] ?? "nothing")")
            case .listenerAnsweredFirst, .tooLate:
                #expect(sent[n] == "plan", "#\(n): \(outcome)")
            case .alreadyDecided(let by, let text):
                #expect(by == "server-3" && text == "listener" && sent[n] == "plan", "#\(n): \(outcome)")
            case .unconfirmed, .gone:
                Issue.record("#\(n): \(outcome) with a listener running")
            }
            let expected = sent[n] == "plan" ? "listener server-3 listener" : "503 ana@laptop 503"
            try await eventually("#\(n)'s row says what the sender got") {
                try listener.row(n).hasPrefix(expected) && listener.row(n).hasSuffix(" t")
            }
        }
        _ = await listener.writer.finish()
    }
}

import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Synchronization
import Testing

/// A forwarder that quits (^C, SIGTERM, `q`) with a claimed forward in flight, against a
/// real PostgreSQL server with a real relay (session 18 review L2): it waits a few seconds
/// for its app's answer, which still reaches the sender; what it cannot wait for is
/// answered by the listener's plan as soon as its row is gone, not at the forward timeout.
/// Both timeouts are 600 s here: a reply within the tests' waits comes from these paths.
@Suite struct RemoteForwardQuitMidForwardTests {
    /// Where the stand-in app waits until the test lets it answer.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>], entered: Int)>((false, [], 0))

        func pass() async {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool in
                    state.entered += 1
                    if state.open { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        }

        func open() {
            let waiters = state.withLock { state in
                state.open = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }

        var entered: Int { state.withLock { $0.entered } }
    }

    static func claimer(_ store: TestStore, gate: Gate, drainPatience: Duration, notices: RemoteForwardTakeBackTests.Notices) -> RemoteForwardClaimer {
        let app = "http://127.0.0.1:9"
        return RemoteForwardClaimer(
            connector: store.connector, who: "quits@laptop", routeValues: [app], routes: ForwardRoutes(upstream: app),
            forward: { _, route in
                await gate.pass()
                return RemoteForwardAnswer(answer: PlannedAnswer(status: 201, source: .forward),
                                           upstream: UpstreamResponse(url: route.upstream, status: 201, durationMilliseconds: 1))
            },
            report: { _ in }, drainPatience: drainPatience, notice: { notices.add($0) })
    }

    /// The app is still answering when the forwarder is told to quit: it waits for that
    /// answer and writes it before it unregisters, so the sender gets the app's answer.
    /// Before, it stopped its answer loop at once: the answer was reported late, and the
    /// sender waited out the listener's --forward-timeout.
    @Test func aForwarderThatQuitsWaitsForItsAppsAnswerInFlight() async throws {
        let store = try await TestStore()
        try await RemoteForwardTakeBackTests.migrated(store)
        let gate = Gate()
        let claimerNotices = RemoteForwardTakeBackTests.Notices()
        let claimer = Self.claimer(store, gate: gate, drainPatience: .seconds(60), notices: claimerNotices)
        try await claimer.open()
        let ended = Mutex(false)
        let claiming = Task {
            await claimer.run()
            ended.withLock { $0 = true }
        }
        let relay = try await RemoteForwardTakeBackTests.relay(store, notices: RemoteForwardTakeBackTests.Notices())
        try await eventually("the relay sees the forwarder") { relay.forwarderNames == [claimer.who] }

        let replies = Mutex<[RemoteForwardResult]>([])
        var offered = delivery(6)
        offered.id = 46
        #expect(relay.offer(offered) { result in replies.withLock { $0.append(result) } })
        try await eventually("the app is called") { gate.entered == 1 }
        claiming.cancel()
        // The app answers only once the forwarder has begun to quit: while it waits (it
        // says so), or after it has gone, which is what happened before.
        try await eventually("the forwarder quits or says it waits") {
            ended.withLock { $0 } || claimerNotices.all.contains { $0.contains("waiting up to") }
        }
        #expect(claimerNotices.all == ["waiting up to 60 s for the app's answer to 1 forward in flight, so it reaches the sender (^C again to stop now)"])
        gate.open()
        await claiming.value
        try await eventually("the sender is answered") { !replies.withLock { $0 }.isEmpty }
        let reply = replies.withLock { $0 }
        #expect(RemoteForwardTakeBackTests.relayedStatus(reply) == 201)
        #expect(try store.psql("SELECT count(*) FROM hookscope_forwarders") == "0", "the forwarder unregistered")
        await relay.stop()
    }

    /// The app does not answer within the forwarder's patience: it quits all the same, and
    /// the listener answers by its plan as soon as it sees the forwarder's row gone,
    /// recorded as the forwarder quitting mid-forward, not at --forward-timeout (600 s).
    @Test func aClaimedOfferWhoseForwarderQuitIsAnsweredByThePlanAtOnce() async throws {
        let store = try await TestStore()
        try await RemoteForwardTakeBackTests.migrated(store)
        let gate = Gate()
        defer { gate.open() }
        let claimerNotices = RemoteForwardTakeBackTests.Notices()
        let claimer = Self.claimer(store, gate: gate, drainPatience: .milliseconds(100), notices: claimerNotices)
        try await claimer.open()
        let claiming = Task { await claimer.run() }
        let relay = try await RemoteForwardTakeBackTests.relay(store, notices: RemoteForwardTakeBackTests.Notices())
        try await eventually("the relay sees the forwarder") { relay.forwarderNames == [claimer.who] }

        let replies = Mutex<[RemoteForwardResult]>([])
        var offered = delivery(7)
        offered.id = 47
        #expect(relay.offer(offered) { result in replies.withLock { $0.append(result) } })
        try await eventually("the app is called") { gate.entered == 1 }
        claiming.cancel()
        await claiming.value
        #expect(claimerNotices.all.last == "1 forward still without an answer after 100 ms: the listener answers by its plan")
        try await eventually("the sender is answered") { !replies.withLock { $0 }.isEmpty }
        #expect(replies.withLock { $0 } == [.forwarderQuit(by: "quits@laptop")])
        try await eventually("the offer's row is deleted") { try store.psql("SELECT count(*) FROM hookscope_forward_offers") == "0" }
        await relay.stop()
    }

    /// The claimer writes its app's answer and unregisters (in one commit here, the
    /// narrowest case): the listener may read the forwarders before its answer loop reads
    /// the answer, and must relay the answer all the same, not the plan's.
    @Test func anAnswerWrittenBeforeTheForwarderQuitIsStillRelayed() async throws {
        let store = try await TestStore()
        try await RemoteForwardTakeBackTests.migrated(store)
        let forwarder = UUID().uuidString.lowercased()
        try store.psql("""
            INSERT INTO hookscope_forwarders (id, who, routes, last_seen) VALUES ('\(forwarder)', 'fast@laptop', '["http://127.0.0.1:9"]', now() + interval '1 hour')
            """)
        let relay = try await RemoteForwardTakeBackTests.relay(store, notices: RemoteForwardTakeBackTests.Notices())
        try await eventually("the relay sees the forwarder") { relay.forwarderNames == ["fast@laptop"] }

        let replies = Mutex<[RemoteForwardResult]>([])
        var offered = delivery(8)
        offered.id = 48
        #expect(relay.offer(offered) { result in replies.withLock { $0.append(result) } })
        try await eventually("the offer is in the store") {
            try store.psql("SELECT count(*) FROM hookscope_forward_offers WHERE local_id = 48 AND state = 'offered'") == "1"
        }
        try store.psql("""
            UPDATE hookscope_forward_offers SET state = 'claimed', claimer = '\(forwarder)', claimed_by = 'fast@laptop', claimed_at = clock_timestamp()
            WHERE local_id = 48
            """)
        try await eventually("the relay sees the claim and its claimer") { relay.state.withLock { $0.waiting[48]?.claimer } != nil }
        let answer = RemoteForwardAnswer(answer: PlannedAnswer(status: 203, source: .forward),
                                         upstream: UpstreamResponse(url: "http://127.0.0.1:9", status: 203, durationMilliseconds: 1))
        // The answer without its NOTIFY: only the relay's own look or its read of the
        // forwarders (woken by theirs) can find it.
        try store.psql("""
            BEGIN;
            UPDATE hookscope_forward_offers SET state = 'answered', answer = $a$\(answer.encoded())$a$ WHERE local_id = 48;
            DELETE FROM hookscope_forwarders;
            COMMIT;
            NOTIFY hookscope_forwarders;
            """)
        try await eventually("the sender is answered") { !replies.withLock { $0 }.isEmpty }
        let reply = replies.withLock { $0 }
        #expect(RemoteForwardTakeBackTests.relayedStatus(reply) == 203)
        await relay.stop()
    }

    /// While it drains, a forwarder withdraws its routes (session 19 review L1): an offer
    /// made to it and not claimed (a trigger keeps it from claiming #51) is taken back at
    /// once, and nothing new is offered to it, while the forward in flight still gets its
    /// app's answer through. Before, it kept its routes until its row was gone, and each
    /// such delivery waited out the claim timeout (600 s here).
    @Test func aDrainingForwarderIsOfferedNothingNewAndWhatItDidNotClaimIsTakenBack() async throws {
        let store = try await TestStore()
        try await RemoteForwardTakeBackTests.migrated(store)
        try store.psql("""
            CREATE FUNCTION test_skip_claims() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
            CREATE TRIGGER test_skip_claims BEFORE UPDATE ON hookscope_forward_offers FOR EACH ROW
                WHEN (NEW.state = 'claimed' AND NEW.local_id = 51) EXECUTE FUNCTION test_skip_claims();
            """)
        let gate = Gate()
        defer { gate.open() }
        let claimerNotices = RemoteForwardTakeBackTests.Notices()
        let claimer = Self.claimer(store, gate: gate, drainPatience: .seconds(60), notices: claimerNotices)
        try await claimer.open()
        let claiming = Task { await claimer.run() }
        let relay = try await RemoteForwardTakeBackTests.relay(store, notices: RemoteForwardTakeBackTests.Notices())
        try await eventually("the relay sees the forwarder") { relay.forwarderNames == [claimer.who] }

        let replies = Mutex<[Int: [RemoteForwardResult]]>([:])
        for n in [50, 51] {
            var offered = delivery(n)
            offered.id = n
            #expect(relay.offer(offered) { result in replies.withLock { $0[n, default: []].append(result) } })
        }
        try await eventually("the app is called for #50") { gate.entered == 1 }
        try await eventually("#51 is in the store, unclaimed") {
            try store.psql("SELECT count(*) FROM hookscope_forward_offers WHERE local_id = 51 AND state = 'offered'") == "1"
        }
        claiming.cancel()
        try await eventually("the forwarder says it waits") { claimerNotices.all.contains { $0.contains("waiting up to") } }
        try await eventually("#51 is taken back while the forwarder drains") { replies.withLock { $0[51] } != nil }
        #expect(replies.withLock { $0[51] } == [.unclaimed(.forwarderQuit(who: ["quits@laptop"]))])
        #expect(try store.psql("SELECT count(*) FROM hookscope_forwarders") == "1", "still registered while it drains")
        try await eventually("the relay no longer counts the forwarder") { relay.forwarderNames.isEmpty }
        var fresh = delivery(52)
        fresh.id = 52
        #expect(!relay.offer(fresh) { _ in }, "a delivery was offered to a forwarder that is quitting")

        gate.open()
        await claiming.value
        try await eventually("#50's sender is answered") { replies.withLock { $0[50] } != nil }
        guard case .answered(let relayed) = replies.withLock({ $0[50]?.first }) else {
            Issue.record("the app's answer was not relayed: \(replies.withLock { $0 })")
            await relay.stop()
            return
        }
        #expect(relayed.answer.status == 201)
        await relay.stop()
    }
}

import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Synchronization
import Testing

/// An offer is taken back when its forwarders quit only once *every* forwarder it was
/// offered to has quit (review 18 M2): taking it back while another could still claim it
/// would turn a forwarded delivery into the plan's answer. Real claimers and a real relay
/// against a real PostgreSQL server; the claim timeouts are far past every wait here.
@Suite struct RemoteForwardTakeBackCandidateTests {
    @Test func anOfferIsNotTakenBackWhileAnotherOfItsForwardersIsAttached() async throws {
        let store = try await TestStore()
        try await RemoteForwardTakeBackTests.migrated(store)
        // Every claim is skipped until the test says go (a row in test_go): the offer stays
        // offered while one forwarder quits, and only then may the other claim it.
        try store.psql("""
            CREATE TABLE test_go (go boolean);
            CREATE FUNCTION test_hold_claims() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF EXISTS (SELECT 1 FROM test_go) THEN RETURN NEW; END IF; RETURN NULL; END $$;
            CREATE TRIGGER test_hold_claims BEFORE UPDATE ON hookscope_forward_offers FOR EACH ROW
                WHEN (NEW.state = 'claimed') EXECUTE FUNCTION test_hold_claims();
            """)
        let app = "http://127.0.0.1:9"
        let called = Mutex<[String]>([])
        func claimer(_ who: String) -> RemoteForwardClaimer {
            RemoteForwardClaimer(
                connector: store.connector, who: who, routeValues: [app], routes: ForwardRoutes(upstream: app),
                forward: { _, route in
                    called.withLock { $0.append(who) }
                    return RemoteForwardAnswer(answer: PlannedAnswer(status: 201, source: .forward),
                                               upstream: UpstreamResponse(url: route.upstream, status: 201, durationMilliseconds: 1))
                },
                report: { _ in })
        }
        let quits = claimer("quits@laptop")
        let stays = claimer("stays@desk")
        try await quits.open()
        try await stays.open()
        let quitting = Task { await quits.run() }
        let staying = Task { await stays.run() }
        defer { quitting.cancel(); staying.cancel() }
        let notices = RemoteForwardTakeBackTests.Notices()
        let relay = try await RemoteForwardTakeBackTests.relay(store, notices: notices)
        try await eventually("the relay sees both forwarders") { relay.forwarderNames == ["quits@laptop", "stays@desk"] }

        let replies = Mutex<[RemoteForwardResult]>([])
        var offered = delivery(3)
        offered.id = 43
        #expect(relay.offer(offered) { result in replies.withLock { $0.append(result) } })
        try await eventually("the offer is in the store") {
            try store.psql("SELECT count(*) FROM hookscope_forward_offers WHERE local_id = 43 AND state = 'offered'") == "1"
        }
        // Else the test would prove nothing: it is offered to both.
        #expect(try store.psql("SELECT cardinality(candidates) FROM hookscope_forward_offers WHERE local_id = 43") == "2")

        quitting.cancel()
        await quitting.value
        try await eventually("the relay sees one forwarder quit") { relay.forwarderNames == ["stays@desk"] }
        // One more read of the list, strictly later: the one that found quits@laptop gone
        // has judged its offers by then (the offer loop reads and judges in turn), so a
        // take-back it decided would be under way now.
        try store.psql("""
            INSERT INTO hookscope_forwarders (id, who, routes, last_seen)
            VALUES ('\(UUID().uuidString.lowercased())', 'later@host', '["http://127.0.0.1:8"]', now() + interval '1 hour')
            """)
        try await eventually("the relay reads the list again") { relay.forwarderNames == ["later@host", "stays@desk"] }
        #expect(replies.withLock { $0 }.isEmpty, "answered while stays@desk may claim it: \(replies.withLock { $0 })")
        #expect(relay.state.withLock { $0.waiting[43]?.takingBack } == false, "a take-back was started")
        #expect(try store.psql("SELECT state FROM hookscope_forward_offers WHERE local_id = 43") == "offered")

        // The forwarder still attached claims it, and its app's answer reaches the sender.
        try store.psql("INSERT INTO test_go VALUES (true)")
        try await eventually("the sender is answered") { !replies.withLock { $0 }.isEmpty }
        let reply = replies.withLock { $0 }
        if case .answered(let answered) = reply.first, reply.count == 1 {
            #expect(answered.answer.status == 201)
        } else {
            Issue.record("not relayed from the forwarder still attached: \(reply)")
        }
        #expect(called.withLock { $0 } == ["stays@desk"])
        await relay.stop()
        staying.cancel()
        await staying.value
    }
}

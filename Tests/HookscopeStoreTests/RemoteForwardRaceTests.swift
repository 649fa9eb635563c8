import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Synchronization
import Testing

/// The remote forward's claim deadline against a real PostgreSQL server, with a real relay
/// (the listener's end) and a real claimer (the laptop's end) whose app is a closure.
@Suite struct RemoteForwardRaceTests {
    /// What the claimer's app received and what the relay answered the sender.
    final class Seen: Sendable {
        let forwarded = Mutex<[Int]>([])
        let replies = Mutex<[RemoteForwardResult]>([])
    }

    static func attach(_ store: TestStore, seen: Seen) async throws -> (RemoteForwardClaimer, Task<Void, Never>) {
        let app = "http://127.0.0.1:9"
        let claimer = RemoteForwardClaimer(
            connector: store.connector, who: "race@laptop", routeValues: [app], routes: ForwardRoutes(upstream: app),
            forward: { exchange, route in
                seen.forwarded.withLock { $0.append(exchange.id) }
                return RemoteForwardAnswer(
                    answer: PlannedAnswer(status: 201, headers: [], body: Array("from the app".utf8), source: .forward),
                    upstream: UpstreamResponse(url: route.upstream, status: 201, body: Array("from the app".utf8), durationMilliseconds: 1))
            },
            report: { _ in })
        try await claimer.open()
        return (claimer, Task { await claimer.run() })
    }

    /// An offer whose INSERT is still in flight when the claim deadline passes: the
    /// forwarders are woken when it commits, so the sender must not have been told
    /// `unclaimed` already. Held in flight here by a table lock the test takes.
    @Test func anOfferStillBeingInsertedAtTheClaimDeadlineIsDecidedByTheDatabase() async throws {
        let store = try await TestStore()
        let migrator = try await store.connector.connect()
        defer { StoreConnector.abandon(migrator) }
        _ = try await StoreMigrator.migrate(migrator, connector: store.connector)
        let seen = Seen()
        let (claimer, claiming) = try await Self.attach(store, seen: seen)
        defer { claiming.cancel() }
        let relay = RemoteForwardRelay(connector: store.connector, run: UUID(), claimTimeout: .milliseconds(300), forwardTimeout: .seconds(120))
        try await relay.connect()
        relay.begin()
        // Its first round has then swept too (a sweep's DELETE behind the lock below held
        // the offer's INSERT back for good: seen in a loaded full run).
        try await eventually("the relay sees the forwarder") { relay.forwarderNames == [claimer.who] }

        // Writes to the offers' table wait for this transaction; reads do not.
        let locker = try await store.connector.connect()
        // Closed however the test ends: a step below that throws (a wait past its bound in a
        // loaded full run) left it open, and postgres-nio's debug assertion on a connection
        // deinitialized open took the whole test process down.
        defer { StoreConnector.abandon(locker) }
        try await locker.query("BEGIN", logger: store.connector.logger)
        try await locker.query("LOCK TABLE hookscope_forward_offers IN EXCLUSIVE MODE", logger: store.connector.logger)
        var offered = delivery(1)
        offered.id = 41
        let accepted = relay.offer(offered) { result in seen.replies.withLock { $0.append(result) } }
        #expect(accepted)
        try await eventually("the offer's INSERT waits for the lock") {
            try store.psql("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO hookscope_forward_offers%'
                """) == "1"
        }
        // Past the claim deadline (a lower bound, not a hope): the insert may still commit
        // and be claimed, so the sender has not been answered by the plan.
        try await Task.sleep(for: .milliseconds(900))
        #expect(seen.replies.withLock { $0 }.isEmpty, "answered while the offer was still being inserted")
        try await locker.query("COMMIT", logger: store.connector.logger)

        try await eventually("the sender is answered") { !seen.replies.withLock { $0 }.isEmpty }
        let reply = seen.replies.withLock { $0 }
        #expect(reply.count == 1)
        switch reply.first {
        case .answered(let answer)?:
            #expect(answer.answer.status == 201)
            #expect(seen.forwarded.withLock { $0 } == [41], "claimed once, forwarded once")
        case .unclaimed?:
            try await eventually("the offer is gone") { try store.psql("SELECT count(*) FROM hookscope_forward_offers") == "0" }
            #expect(seen.forwarded.withLock { $0 }.isEmpty, "the sender got 'unclaimed' but the app got the delivery")
        default:
            Issue.record("unexpected reply \(String(describing: reply.first))")
        }
        await relay.stop()
        claiming.cancel()
        await claiming.value
    }
}

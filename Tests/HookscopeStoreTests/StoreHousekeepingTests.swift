import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresTestServer
import Synchronization
import Testing

/// A role kept from deleting (session 16 review M1): the relay's and the publisher's sweeps
/// are refused, and each loop keeps its connection (the same backend before and after),
/// goes on with its work and says once what it could not clean up. A refused sweep used to
/// count as a lost connection: the relay's forwarders were forgotten a moment after each
/// read, and the publisher ran once per backoff.
@Suite struct StoreHousekeepingTests {
    /// The backends of the sessions named `name`, as the server lists them now (live, not
    /// the lagging statistics).
    func backends(_ store: TestStore, _ name: String) throws -> String {
        try store.psql("SELECT coalesce(string_agg(pid::text, ',' ORDER BY pid), '') FROM pg_stat_activity WHERE application_name = '\(name)'")
    }

    final class Notices: Sendable {
        let said = Mutex<[String]>([])
        func add(_ line: String) { said.withLock { $0.append(line) } }
        var all: [String] { said.withLock { $0 } }
    }

    @Test func theRelayKeepsItsConnectionAndItsForwardersWhenItsSweepIsRefused() async throws {
        let reconnect = StoreReconnectTests()
        let store = try await reconnect.migrated()
        let name = "relay-m1-\(store.url.database)"
        // Forwarders, not offers: a role that may not delete offers cannot run the tunnel at
        // all (the next test); the forwarders' sweep is housekeeping only.
        let limited = try reconnect.roleWithoutDelete(on: "hookscope_forwarders", in: store).named(name)
        let routes = RemoteForwardRoutes.encode(["http://127.0.0.1:1"])
        try store.psql("INSERT INTO hookscope_forwarders (id, who, routes) VALUES ('\(UUID())', 'ana@laptop', '\(routes)')")
        // Seen for an hour, not the 5 s of a heartbeat: a slow test run must not lose it.
        try store.psql("UPDATE hookscope_forwarders SET last_seen = now() + interval '1 hour'")
        let notices = Notices()
        let relay = RemoteForwardRelay(connector: limited, run: UUID(), claimTimeout: .seconds(2), forwardTimeout: .seconds(2),
                                       notice: notices.add)
        let rolledBack = try reconnect.rollbacks(store)
        try await relay.connect()
        relay.begin()
        try await reconnect.refused(store, after: rolledBack)
        try await eventually("the refusal is said") { !notices.all.isEmpty }
        let before = try backends(store, name)
        // A change the relay sees only by reading the list again after the refusal.
        try store.psql("UPDATE hookscope_forwarders SET who = 'bo@desk'")
        try await eventually("the forwarder is still known, as read again") { relay.forwarderNames == ["bo@desk"] }
        #expect(try backends(store, name) == before, "the same connections: \(before)")
        #expect(notices.all == ["remote forward: cannot clean up forwarders gone for an hour (permission denied for table hookscope_forwarders); "
            + "the rest goes on, and the rows stay until a role that may DELETE them cleans up"])
        await relay.stop()
    }

    /// The tunnel takes answered and unclaimed offers out with DELETE: a role that may not
    /// is refused at connect, in words (the listener then says `no forwarding through the
    /// store` and answers by its plan at once), rather than offering deliveries whose
    /// answers it could never read, which kept each sender until --forward-timeout.
    @Test func aRoleThatMayNotDeleteOffersIsRefusedTheTunnelAtConnect() async throws {
        let reconnect = StoreReconnectTests()
        let store = try await reconnect.migrated()
        let limited = try reconnect.roleWithoutDelete(on: "hookscope_forward_offers", in: store)
        let relay = RemoteForwardRelay(connector: limited, run: UUID(), claimTimeout: .seconds(2), forwardTimeout: .seconds(2))
        do {
            try await relay.connect()
            Issue.record("connected")
            await relay.stop()
        } catch {
            #expect(StoreConnector.reason(error) == "this role may not DELETE from hookscope_forward_offers, which the tunnel takes answered and unclaimed offers out of")
        }
    }

    @Test func thePublisherKeepsItsConnectionAndCarriesOutDecisionsWhenItsSweepIsRefused() async throws {
        let reconnect = StoreReconnectTests()
        let store = try await reconnect.migrated()
        let name = "publisher-m1-\(store.url.database)"
        let limited = try reconnect.roleWithoutDelete(on: "hookscope_held", in: store).named(name)
        let writer = StoreWriter(connector: store.connector, listenerName: "server-1", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        writer.begin(listenerURL: "http://127.0.0.1:1")
        let controller = HeldRequestsTests.Controller()
        let notices = Notices()
        let publisher = HeldRequestsPublisher(connector: limited, run: writer.run, listenerName: "server-1",
                                              holding: { controller.holding }, carryOut: controller.carryOut, notice: notices.add)
        let rolledBack = try reconnect.rollbacks(store)
        let publishing = Task { await publisher.follow() }
        defer { publishing.cancel() }
        try await reconnect.refused(store, after: rolledBack)
        try await eventually("the refusal is said") { !notices.all.isEmpty }
        let before = try backends(store, name)
        // Held after the refusal: published, decided and confirmed on the same connection.
        var exchange = delivery(1); exchange.id = 1
        writer.enqueue(.captured, exchange)
        controller.held.withLock { $0[1] = Timestamp(nanosecondsSinceEpoch: Timestamp.now().nanosecondsSinceEpoch + 120_000_000_000) }
        let ana = HeldRequestsFollower(connector: store.connector)
        let following = Task { await ana.follow() }
        defer { following.cancel() }
        try await eventually("the UI sees it") { ana.waiting.count == 1 }
        let exchangeID = try #require(ana.waiting.first?.exchangeID)
        #expect(try await ana.decideOne(exchangeID, .drop, by: "ana@laptop") == .decided(.drop))
        #expect(controller.carriedOut.withLock { $0[1]?.0 } == .drop)
        #expect(try backends(store, name) == before, "the same connection: \(before)")
        #expect(notices.all == ["intercept: cannot clean up held requests a minute past their deadline (permission denied for table hookscope_held); "
            + "the rest goes on, and the rows stay until a role that may DELETE them cleans up"])
        _ = await writer.finish()
    }
}

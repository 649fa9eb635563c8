import Foundation
import HookscopeCore
@testable import HookscopeStore
import Testing

extension HeldRequestsConfirmationTests {
    /// Session 16 review L12: a listener whose clock is an hour behind the database's
    /// publishes its deadline as what is left of it, from the database's clock, which every
    /// reader compares it with: not an hour in the past (never shown waiting, refused as
    /// too late, swept while still held).
    @Test func aListenerWithAClockBehindPublishesItsDeadlineOnTheDatabasesClock() async throws {
        let listener = try await Listener("server-9")
        let hour: Int64 = 3600 * 1_000_000_000
        let skewed = Timestamp(nanosecondsSinceEpoch: Timestamp.now().nanosecondsSinceEpoch - hour)
        // Ten minutes left by the listener's clock.
        let deadline = Timestamp(nanosecondsSinceEpoch: skewed.nanosecondsSinceEpoch + 600 * 1_000_000_000)
        listener.hold(1, timer: .now + .seconds(600), published: deadline)
        let connection = try await listener.store.connector.connect()
        defer { StoreConnector.abandon(connection) }
        try await listener.publisher.round(holding: listener.controller.holding, on: connection, now: skewed)
        let left = try #require(Double(listener.store.psql("SELECT extract(epoch FROM deadline - now()) FROM hookscope_held WHERE local_id = 1")))
        #expect(left > 0 && left <= 600.5, "\(left) s left on the database's clock")
        let ana = HeldRequestsFollower(connector: listener.store.connector)
        let following = Task { await ana.follow() }
        defer { following.cancel() }
        try await eventually("shown waiting") { ana.waiting.count == 1 }
        _ = await listener.writer.finish()
    }
}

import Foundation
import HookscopeCore
@testable import HookscopeStore
import Testing

/// A held request forwarded from an attached terminal UI (issue #16): the relay offers it
/// to the forwarder its user named, alone, even when another forwarder's routes take it
/// too, and relays that forwarder's answer. Real PostgreSQL, a real relay and claimers.
@Suite struct RemoteForwardChosenTests {
    @Test func anOfferForOneForwarderIsClaimedByThatOneAlone() async throws {
        let store = try await TestStore()
        let migrator = try await store.connector.connect()
        _ = try await StoreMigrator.migrate(migrator, connector: store.connector)
        try await migrator.close()
        let other = RemoteForwardRaceTests.Seen()
        let chosen = RemoteForwardRaceTests.Seen()
        let (first, firstRun) = try await RemoteForwardRaceTests.attach(store, seen: other)
        defer { firstRun.cancel() }
        let (second, secondRun) = try await RemoteForwardRaceTests.attach(store, seen: chosen)
        defer { secondRun.cancel() }
        let relay = RemoteForwardRelay(connector: store.connector, run: UUID(), claimTimeout: .seconds(30), forwardTimeout: .seconds(30))
        try await relay.connect()
        relay.begin()

        var held = delivery(1)
        held.id = 7
        #expect(!relay.offer(held, only: "not-a-forwarder-id") { _ in }, "no such id: the plan answers at once")
        let accepted = relay.offer(held, only: second.forwarderID) { result in chosen.replies.withLock { $0.append(result) } }
        #expect(accepted)
        try await eventually("the sender is answered") { !chosen.replies.withLock { $0 }.isEmpty }
        guard case .answered(let answer)? = chosen.replies.withLock({ $0 }).first else {
            Issue.record("expected the app's answer, got \(chosen.replies.withLock { $0 })")
            return
        }
        #expect(answer.answer.status == 201)
        #expect(answer.upstream.forwarder == second.forwarderID)
        #expect(chosen.forwarded.withLock { $0 } == [7])
        #expect(other.forwarded.withLock { $0 }.isEmpty, "the other forwarder (\(first.forwarderID)) was never offered it")
        await relay.stop()
        firstRun.cancel()
        secondRun.cancel()
        await firstRun.value
        await secondRun.value
    }
}

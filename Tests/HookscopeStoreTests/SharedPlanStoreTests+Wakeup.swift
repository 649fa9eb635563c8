import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import PostgresTestServer
import Synchronization
import Testing

extension SharedPlanStoreTests {
    /// Session 16 review L9: the followers' NOTIFY moved out of the change's transaction
    /// (sent after its commit, as the writer's): a change and a reset still wake a listening
    /// session, and what it reads then is the new plan. (Where the NOTIFY runs, inside the
    /// transaction or after it, shows only in the notify queue lock's timing at commit,
    /// which no test here can hold still.)
    @Test func aChangeAndAResetWakeTheFollowersOnceCommitted() async throws {
        let store = try await TestStore()
        let plans = SharedPlanStore(connector: store.connector)
        try await plans.reset()   // the table, before anyone listens
        let connection = try await store.connector.connect()
        defer { StoreConnector.abandon(connection) }
        final class Seen: Sendable { let plans = Mutex<[String]>([]) }
        let seen = Seen()
        let (server, database) = (store.server, store.url.database)
        try await connection.listen(on: "hookscope_plan") { notifications in
            let reading = Task {
                do {
                    for try await _ in notifications {
                        let plan = ((try? await PostgresTestServer.offThePool { try server.psql(database, "SELECT plan->>'respond' FROM hookscope_plan") }) ?? "?")
                            .trimmingCharacters(in: .whitespacesAndNewlines)
                        seen.plans.withLock { $0.append(plan.isEmpty ? "none" : plan) }
                    }
                } catch {}
            }
            defer { reading.cancel() }
            try await plans.change([.respond("503")], by: "ana@laptop")
            try await eventually("woken by the change") { seen.plans.withLock { $0.count } == 1 }
            try await plans.reset()
            try await eventually("woken by the reset") { seen.plans.withLock { $0.count } == 2 }
        }
        #expect(seen.plans.withLock { $0 } == ["503", "none"])
    }
}

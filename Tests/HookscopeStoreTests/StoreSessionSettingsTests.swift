import Foundation
@testable import HookscopeStore
import PostgresNIO
import Testing

/// What every session of hookscope's asks of the server, against a real PostgreSQL server.
@Suite struct StoreSessionSettingsTests {
    /// No parallel workers, and a plan for each execution's values, whatever else the
    /// session asks for: a parallel plan for a read of a few rows launched two worker
    /// processes a read (the attached readers' `change > $1` before the exchanges had
    /// statistics), and a generic plan kept from a store's first seconds scanned whole
    /// tables (docs/benchmarks.md, issue #16).
    @Test(arguments: [("max_parallel_workers_per_gather", "0"), ("plan_cache_mode", "force_custom_plan")])
    func everySessionAsksFor(setting: String, value: String) async throws {
        let store = try await TestStore()
        for settings in [[], RemoteForwardClaimer.claimSettings, StoreLink.oneDeliveryRows] {
            let connection = try await store.connector.connect(settings: settings)
            defer { StoreConnector.abandon(connection) }
            var shown: [String] = []
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: "SHOW \(setting)"), logger: store.connector.logger).decode(String.self) {
                shown.append(value)
            }
            #expect(shown == [value], "with \(settings.map { "\($0.0)=\($0.1)" })")
        }
        // The server's own default is another: the setting is the session's.
        #expect(try store.psql("SHOW \(setting)") != value)
    }
}

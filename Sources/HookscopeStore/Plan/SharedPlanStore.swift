import Foundation
import HookscopeCore
import PostgresNIO
import Synchronization

/// The shared answer plan in the store (`hookscope_plan`, one row or none): set by
/// `attach --respond/--rule`, removed by `attach --reset-plan`, followed by every listener
/// (and every attached UI's top bar) within a second: a NOTIFY (`hookscope_plan`) wakes
/// the followers at once, and they also read it every second.
public final class SharedPlanStore: Sendable {
    public let connector: StoreConnector
    private let wakeup = StoreWakeup()
    private let latest = Mutex<SharedPlan?>(nil)

    public init(connector: StoreConnector) {
        self.connector = connector
    }

    /// The plan in force as last read (nil: each listener's own).
    public var current: SharedPlan? { latest.withLock { $0 } }

    /// Puts `plan` in force for every listener on the store, or (nil) gives each its own
    /// back; one statement and a NOTIFY.
    public func set(_ plan: SharedPlan?) async throws {
        let connection = try await connector.connect()
        defer { StoreConnector.abandon(connection) }
        do {
            try await StoreMigrator.ensure(connection, connector: connector)
            if let plan {
                try await connection.query("""
                    INSERT INTO hookscope_plan (singleton, plan, set_by, set_at) VALUES (true, \(plan.encodedTexts())::json, \(plan.setBy), now())
                    ON CONFLICT (singleton) DO UPDATE SET plan = EXCLUDED.plan, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
                    """, logger: connector.logger)
            } else {
                try await connection.query("DELETE FROM hookscope_plan", logger: connector.logger)
            }
            try await connection.query("NOTIFY hookscope_plan", logger: connector.logger)
        } catch {
            throw StoreConnector.Failure(description: "store at \(connector.url.endpoint): \(StoreConnector.reason(error))")
        }
    }

    /// Reads the plan at once, then whenever it may have changed, until cancelled; calls
    /// `changed` with each new value (nil: reset), the first read only when a plan is set.
    public func follow(changed: @escaping @Sendable (SharedPlan?) -> Void) async {
        var backoff = StoreBackoff()
        while !Task.isCancelled {
            let connection: PostgresConnection
            do {
                connection = try await connector.connect()
                backoff.connected()
            } catch {
                await backoff.wait()
                continue
            }
            do {
                try await wakeup.listening(to: "hookscope_plan", on: connection) {
                    while !Task.isCancelled {
                        let plan = try await StoreDeadline.run(seconds: 5) { _ in try await self.read(on: connection) }
                        let isNew = latest.withLock { latest -> Bool in
                            defer { latest = plan }
                            return latest != plan
                        }
                        if isNew { changed(plan) }
                        if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                        await wakeup.wait(timeout: .seconds(1))
                    }
                }
            } catch {}
            StoreConnector.abandon(connection)
        }
    }

    private func read(on connection: PostgresConnection) async throws -> SharedPlan? {
        let rows = try await connection.query("""
            SELECT plan::text, set_by, to_char(set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM hookscope_plan
            """, logger: connector.logger)
        for try await (json, by, at) in rows.decode((String, String, String).self) {
            return SharedPlan.decode(json, setBy: by, setAt: at)
        }
        return nil
    }
}

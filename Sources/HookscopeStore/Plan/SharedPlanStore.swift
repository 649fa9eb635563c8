import Foundation
import HookscopeCore
import PostgresNIO
import Synchronization

/// The shared answer plan in the store (`hookscope_plan`, one row or none): changed by
/// `attach --respond/--rule/--intercept` and the keys s, R and i of an attached UI,
/// removed by `attach --reset-plan`, followed by every listener
/// (and every attached UI's top bar) within a second: a NOTIFY (`hookscope_plan`) wakes
/// the followers at once, and they also read it every second.
public final class SharedPlanStore: Sendable {
    public let connector: StoreConnector
    private let wakeup = StoreWakeup()
    /// The follower's connection (`follow`); a change connects on its own. Its session is
    /// how its process is seen on the store (StorePresence): a peer that vanished must
    /// stop counting soon, hence the keepalive settings.
    private let link: StoreLink
    private let latest = Mutex<SharedPlan?>(nil)

    public init(connector: StoreConnector) {
        self.connector = connector
        link = StoreLink(connector: connector, settings: StorePresence.keepalive)
    }

    /// The plan in force as last read (nil: each listener's own).
    public var current: SharedPlan? { latest.withLock { $0 } }

    /// Applies `changes` to the plan the store holds now and wakes every follower; returns
    /// the plan then in force (nil: each listener's own). One transaction, the table locked
    /// against another change meanwhile (readers are not held up), so two people changing
    /// different parts at once both get their change.
    @discardableResult
    public func change(_ changes: [SharedPlanChange], by who: String) async throws -> SharedPlan? {
        try await writing { connection in
            try await connection.query("LOCK TABLE hookscope_plan IN EXCLUSIVE MODE", logger: self.connector.logger)
            let next = try SharedPlanChange.apply(changes, to: try await self.read(on: connection), by: who)
            try await self.write(next, on: connection)
            return next
        }
    }

    /// Gives every listener its own plan (its flags) back.
    public func reset() async throws {
        _ = try await writing { connection in
            try await self.write(nil, on: connection)
            return nil
        }
    }

    /// A change that does not parse, or edits a rule that changed meanwhile, is thrown as
    /// it is (the user's to see); the store's failures are said with the store's name.
    private func writing(_ body: @escaping @Sendable (PostgresConnection) async throws -> SharedPlan?) async throws -> SharedPlan? {
        let connection = try await connector.connect()
        defer { StoreConnector.abandon(connection) }
        do {
            try await StoreMigrator.ensure(connection, connector: connector)
            let plan = try await connection.withTransaction(logger: connector.logger) { connection in
                try await body(connection)
            }
            // The followers' wake-up after the commit, in a transaction of its own, as the
            // writer's notifyReaders: a transaction that NOTIFYs holds the cluster's notify
            // queue lock until its commit is flushed, and every tunnel offer and answer
            // would wait behind it (session 16 review L9, after 03e47d6). A lost wake-up
            // costs the followers' next read, within a second.
            _ = try? await connection.query("NOTIFY hookscope_plan", logger: connector.logger)
            return plan
        } catch {
            // withTransaction wraps what the body threw (PostgresTransactionError).
            let inner = StoreConnector.innermost(error)
            if inner is SharedPlanChange.Failure || inner is AnswerSpecParser.Failure { throw inner }
            throw StoreConnector.Failure(description: "store at \(connector.url.endpoint): \(StoreConnector.reason(error))")
        }
    }

    /// The row (`writing` wakes the followers once it committed).
    private func write(_ plan: SharedPlan?, on connection: PostgresConnection) async throws {
        if let plan {
            try await connection.query("""
                INSERT INTO hookscope_plan (singleton, plan, set_by, set_at) VALUES (true, \(plan.encodedTexts())::json, \(plan.setBy), now())
                ON CONFLICT (singleton) DO UPDATE SET plan = EXCLUDED.plan, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
                """, logger: connector.logger)
        } else {
            try await connection.query("DELETE FROM hookscope_plan", logger: connector.logger)
        }
    }

    /// Reads the plan at once, then whenever it may have changed, until cancelled; calls
    /// `changed` with each new value (nil: reset), the first read only when a plan is set.
    /// `watchers`, when given, is told after every read while the plan's intercept is on,
    /// or while `watchingAlso` says so, which terminal UIs are attached
    /// (`StorePresence.Watchers`: user@host each, those that may decide and those that may
    /// not; none while the database is away), before `changed`: a headless listener holds
    /// for a shared intercept only while one that may decide watches. `watchingAlso`: read
    /// them also while this says so, the plan's intercept off or reset: requests held while
    /// it was on still wait, and the watch is what answers them when the last terminal UI
    /// that may decide leaves; without the read they waited out --intercept-timeout
    /// (session 17, B3). Reconnects with backoff (StoreLink) when the database goes away
    /// or refuses the read.
    public func follow(watchers: (@Sendable (StorePresence.Watchers) -> Void)? = nil, watchingAlso: (@Sendable () -> Bool)? = nil,
                       changed: @escaping @Sendable (SharedPlan?) -> Void) async {
        await link.keep(while: { true }, lost: {
            // Nobody is known to watch while the database is away.
            watchers?(.unknown)
        }) { connection in
            try await self.wakeup.listening(to: "hookscope_plan", on: connection) {
                while !Task.isCancelled {
                    let plan = try await StoreDeadline.run(seconds: 5) { _ in try await self.read(on: connection) }
                    if let watchers, plan?.intercept == true || watchingAlso?() == true {
                        // Asked only while it matters: one more round trip a second. A
                        // failure counts as nobody (the sender is not kept waiting) and
                        // never keeps the plan itself from being followed.
                        // UNFINISHED: a refusal every time (a server that hides
                        // pg_stat_activity) is not said in the log: the listener only says
                        // that no terminal UI is attached.
                        watchers((try? await StoreDeadline.run(seconds: 5) { _ in
                            try await StorePresence.attached(on: connection, logger: self.connector.logger)
                        }) ?? .unknown)
                    }
                    // Back to the shortest wait only once a read went through (review M5).
                    self.link.progressed()
                    let isNew = self.latest.withLock { latest -> Bool in
                        defer { latest = plan }
                        return latest != plan
                    }
                    if isNew { changed(plan) }
                    if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                    await self.wakeup.wait(timeout: .seconds(1))
                }
            }
        }
        if let connection = link.take() { StoreConnector.abandon(connection) }
        watchers?(.unknown)
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

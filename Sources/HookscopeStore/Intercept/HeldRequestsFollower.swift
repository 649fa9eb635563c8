import Foundation
import HookscopeCore
import PostgresNIO
import Synchronization

/// An attached UI's side of remote intercept: the requests every listener on the store
/// holds now (read at a NOTIFY on `hookscope_held` and every 250 ms anyway) with the ones
/// answered lately (for the headless log), and the decisions this user makes on them
/// (HeldRequestsFollower+Decide).
public final class HeldRequestsFollower: Sendable {
    /// A held request as the list shows it, by the store's exchange id.
    public struct Waiting: Sendable, Equatable {
        public var heldID: Int
        public var exchangeID: Int
        public var deadline: Timestamp
        public var listener: String
    }

    public let connector: StoreConnector
    private let wakeup = StoreWakeup()
    private let link: StoreLink
    let latest = Mutex<[Waiting]>([])
    private let recent = Mutex<[HeldRequestLines.Row]?>(nil)

    public init(connector: StoreConnector) {
        link = StoreLink(connector: connector, settings: StoreLink.oneDeliveryRows)
        self.connector = connector
    }

    /// Held now, oldest first, as last read (empty while the database is away: nobody could
    /// decide them anyway).
    public var waiting: [Waiting] { latest.withLock { $0 } }

    /// Every row the store keeps (held now, or answered within about a minute), as last
    /// read; nil while the database is away, so a reader of changes does not take the
    /// gap for every row gone.
    public var rows: [HeldRequestLines.Row]? { recent.withLock { $0 } }

    /// Until cancelled; reconnects with backoff (StoreLink) when the database goes away.
    public func follow() async {
        await link.keep(while: { true }, lost: {
            // Nobody could decide them while the database is away.
            self.latest.withLock { $0 = [] }
            self.recent.withLock { $0 = nil }
        }) { connection in
            try await self.wakeup.listening(to: "hookscope_held", on: connection) {
                while !Task.isCancelled {
                    let (held, rows) = try await StoreDeadline.run(seconds: 5) { _ in try await self.read(on: connection) }
                    self.latest.withLock { $0 = held }
                    self.recent.withLock { $0 = rows }
                    self.link.progressed()
                    if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                    await self.wakeup.wait(timeout: .milliseconds(250))
                }
            }
        }
        if let connection = link.take() { StoreConnector.abandon(connection) }
        latest.withLock { $0 = [] }
        recent.withLock { $0 = nil }
    }

    /// Only rows whose exchange the store already has (the UI shows them by its id).
    /// Waiting: undecided, and the deadline has not passed (after it, the listener has
    /// answered by its plan). The rest are kept a minute past their deadline (the
    /// listeners' sweep), so reading them all stays small.
    func read(on connection: PostgresConnection) async throws -> ([Waiting], [HeldRequestLines.Row]) {
        let rows = try await connection.query("""
            SELECT h.id, e.id, (extract(epoch FROM h.deadline) * 1000000)::bigint, h.listener,
                h.decision IS NULL AND h.deadline > now(), h.decision, h.decided_by, h.applied,
                (extract(epoch FROM h.applied_at) * 1000000)::bigint, h.overridden, h.overridden_by
            FROM hookscope_held h JOIN hookscope_exchanges e ON e.run = h.run AND e.local_id = h.local_id
            ORDER BY e.id
            """, logger: connector.logger)
        var held: [Waiting] = []
        var all: [HeldRequestLines.Row] = []
        let columns = (Int, Int, Int, String, Bool, String?, String?, String?, Int?, String?, String?).self
        for try await (heldID, exchangeID, micros, listener, waiting, decision, by, applied, appliedMicros, overridden, overriddenBy) in rows.decode(columns) {
            let deadline = Timestamp(nanosecondsSinceEpoch: Int64(micros) * 1000)
            if waiting { held.append(Waiting(heldID: heldID, exchangeID: exchangeID, deadline: deadline, listener: listener)) }
            all.append(HeldRequestLines.Row(exchangeID: exchangeID, listener: listener, deadline: deadline, decision: decision, decidedBy: by,
                                            applied: applied, appliedAt: appliedMicros.map { Timestamp(nanosecondsSinceEpoch: Int64($0) * 1000) },
                                            overridden: overridden, overriddenBy: overriddenBy))
        }
        return (held, all)
    }
}

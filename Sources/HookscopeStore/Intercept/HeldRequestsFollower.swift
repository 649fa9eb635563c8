import Foundation
import HookscopeCore
import PostgresNIO
import Synchronization

/// An attached UI's side of remote intercept: the requests every listener on the store
/// holds now (read at a NOTIFY on `hookscope_held` and every 250 ms anyway), and the
/// decisions this user makes on them (HeldRequestsFollower+Decide).
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

    public init(connector: StoreConnector) {
        link = StoreLink(connector: connector)
        self.connector = connector
    }

    /// Held now, oldest first, as last read (empty while the database is away: nobody could
    /// decide them anyway).
    public var waiting: [Waiting] { latest.withLock { $0 } }

    /// Until cancelled; reconnects with backoff (StoreLink) when the database goes away.
    public func follow() async {
        await link.keep(while: { true }, lost: {
            // Nobody could decide them while the database is away.
            self.latest.withLock { $0 = [] }
        }) { connection in
            try await self.wakeup.listening(to: "hookscope_held", on: connection) {
                while !Task.isCancelled {
                    let held = try await StoreDeadline.run(seconds: 5) { _ in try await self.read(on: connection) }
                    self.latest.withLock { $0 = held }
                    self.link.progressed()
                    if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                    await self.wakeup.wait(timeout: .milliseconds(250))
                }
            }
        }
        if let connection = link.take() { StoreConnector.abandon(connection) }
        latest.withLock { $0 = [] }
    }

    /// Only rows whose exchange the store already has (the UI shows them by its id), and
    /// whose deadline has not passed (after it, the listener has answered by its plan).
    func read(on connection: PostgresConnection) async throws -> [Waiting] {
        let rows = try await connection.query("""
            SELECT h.id, e.id, (extract(epoch FROM h.deadline) * 1000000)::bigint, h.listener
            FROM hookscope_held h JOIN hookscope_exchanges e ON e.run = h.run AND e.local_id = h.local_id
            WHERE h.decision IS NULL AND h.deadline > now() ORDER BY e.id
            """, logger: connector.logger)
        var held: [Waiting] = []
        for try await (heldID, exchangeID, deadline, listener) in rows.decode((Int, Int, Int, String).self) {
            held.append(Waiting(heldID: heldID, exchangeID: exchangeID,
                                deadline: Timestamp(nanosecondsSinceEpoch: Int64(deadline) * 1000), listener: listener))
        }
        return held
    }
}

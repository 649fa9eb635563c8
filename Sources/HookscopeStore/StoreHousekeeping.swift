import PostgresNIO
import Synchronization

/// Cleaning up after what is gone (offers and forwarders dead processes left, held rows
/// past their deadline, exchanges past `--store-keep`) is housekeeping: nothing a loop is
/// for depends on it, and the store may refuse it for good (a role kept without DELETE on
/// purpose, an audit rule) or for a moment (a lock timeout). A refusal waits for the next
/// round on the same connection, and is said once for each thing; only a failure of the
/// connection itself reaches the loop, which reconnects. Session 16 review M1: a refused
/// sweep counted as a lost connection, so the relay's list of forwarders was emptied every
/// cycle (nothing was forwarded) and the held requests' publisher ran once per backoff,
/// with no word of why. StoreWriter's retention goes through here too.
final class StoreHousekeeping: Sendable {
    /// Told once per thing that could not be cleaned up, with the database's reason.
    private let notice: @Sendable (String) -> Void
    private let said = Mutex<Set<String>>([])

    /// - Parameter notice: gets e.g. `cannot clean up offers older than an hour (permission
    ///   denied for table hookscope_forward_offers); …`; the caller says whose it is.
    init(notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.notice = notice
    }

    /// Runs one cleanup statement (`what`: what it cleans up, for the notice). A refusal is
    /// said once and kept here; anything else, which leaves the connection in doubt, is
    /// thrown. Returns false when it was refused (a caller that would try again soon backs off).
    @discardableResult
    func clean(_ what: String, on connection: PostgresConnection, _ statement: @Sendable () async throws -> Void) async throws -> Bool {
        do {
            try await statement()
            return true
        } catch where StoreConnector.isRefusal(error) && !connection.isClosed {
            let first = said.withLock { $0.insert(what).inserted }
            if first {
                notice("cannot clean up \(what) (\(StoreConnector.reason(error))); the rest goes on, "
                    + "and the rows stay until a role that may DELETE them cleans up")
            }
            return false
        }
    }
}

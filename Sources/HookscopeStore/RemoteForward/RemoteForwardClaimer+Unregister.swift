import Foundation
import Logging
import PostgresNIO

extension RemoteForwardClaimer {
    /// Deletes forwarder `id`'s row once no answer of its is still being written (see
    /// `unregister()`): it first locks the forwarder's claimed offers FOR SHARE, which waits
    /// for every transaction updating one.
    ///
    /// Only the claimed rows (an answered one is being read by relays, which must not wait
    /// for this), in id order. The answers' UPDATE locks its rows in its own order, so two
    /// answers still being written can deadlock with this (review session 20 A, M1), and
    /// PostgreSQL then ends one of the two after its deadlock_timeout. If this one, it is
    /// tried again and waits for the answer that won; if the answer, it was one the drain
    /// had already given up on (reported late), and the listener answers by its plan. The
    /// count only makes the locks happen: a CTE that is not referenced is not run. Bounded
    /// by the caller's deadline (a cancelled task stops trying).
    static func unregister(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws {
        while true {
            do {
                try await connection.query("""
                    WITH answering AS (SELECT id FROM hookscope_forward_offers WHERE claimer = \(id) AND state = 'claimed' ORDER BY id FOR SHARE)
                    DELETE FROM hookscope_forwarders WHERE id = \(id) AND (SELECT count(*) FROM answering) >= 0
                    """, logger: logger)
                return
            } catch where StoreConnector.isRefusal(error) && !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(50))   // any other refusal: not in a spin
            }
        }
    }
}

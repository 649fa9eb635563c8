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
    ///
    /// The tries in the first `limitLocksFor` also wait at most `lockWait` for a lock: the
    /// server's deadlock_timeout is the administrator's (1 s by default, and only a
    /// superuser may change it), and a server that looks for cycles later than the
    /// caller's 2 s deadline would leave the forwarder registered (review session 20 C,
    /// L1); ending the wait ends the cycle the same way, on this side. The tries after it
    /// wait as long as the locks are held: an answer whose commit takes longer than the
    /// caller's deadline is waited for by the server, which runs the DELETE (already sent)
    /// once that commit is done, after the caller has stopped waiting
    /// (`RemoteForwardQuitCommitOrderTests`). So the first 0.8 s (the last limited try ends
    /// by ~1.1 s, the plain one is sent well before the 2 s deadline) break a cycle on
    /// this side; a cycle that forms later waits for the server's own check.
    static func unregister(_ id: UUID, on connection: PostgresConnection, logger: Logger,
                           limitLocksFor: Duration = .milliseconds(800)) async throws {
        let limitedUntil = ContinuousClock.now + limitLocksFor
        while true {
            do {
                if ContinuousClock.now < limitedUntil {
                    try await connection.withTransaction(logger: logger) { connection in
                        try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = '\(lockWait)'"), logger: logger)
                        try await delete(id, on: connection, logger: logger)
                    }
                } else {
                    try await delete(id, on: connection, logger: logger)
                }
                return
            } catch where StoreConnector.isRefusal(error) && !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(50))   // any other refusal: not in a spin
            }
        }
    }

    static let lockWait = "300ms"

    private static func delete(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            WITH answering AS (SELECT id FROM hookscope_forward_offers WHERE claimer = \(id) AND state = 'claimed' ORDER BY id FOR SHARE)
            DELETE FROM hookscope_forwarders WHERE id = \(id) AND (SELECT count(*) FROM answering) >= 0
            """, logger: logger)
    }
}

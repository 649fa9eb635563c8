import Foundation
import NIOCore
import PostgresNIO

/// A claim is forwarded only once it has committed. The claim's rows come back before its
/// commit: postgres-nio sends the statement with Sync, the server sends the rows while it
/// executes and commits at the Sync, and the row stream ends at CommandComplete, before
/// the commit's outcome. A commit that fails there (the server killed or crashing, a
/// failing deferred check) leaves the row 'offered' and the connection closed; the
/// forwarder called the app all the same, and the claim after the reconnect (this
/// forwarder's, or another's) called an app a second time: one delivery, two forwards
/// (RemoteForwardClaimConfirmTests). So the claim round reads its rows back in a
/// statement of its own, whose snapshot sees only what committed, and starts the forwards
/// of those this forwarder holds: one more round trip per claim round that claimed
/// something, none for an idle one.
extension RemoteForwardClaimer {
    /// A claimed row as the claim returned it.
    struct Claim: Sendable {
        var offerID: Int
        var json: String
        var body: ByteBuffer
        var claimedAt = ContinuousClock.now
    }

    /// How long a claim whose row still reads 'offered' is looked at again: a commit in
    /// flight ends within the claim round's deadline; past this, the row is one a
    /// listener that went away left for the hourly sweep.
    static let confirmPatience = Duration.seconds(60)

    /// Reads back the claims not confirmed yet (this round's, and those a lost connection
    /// left) and starts the forwards of those that committed. A row that still reads
    /// 'offered' is kept: its claim may still be committing on a connection given up for
    /// dead, or it rolled back and the next claim decides (this forwarder's: started once;
    /// another's: dropped). One claimed by another forwarder or gone (taken back, answered
    /// by the listener's clock) is dropped, as is one still 'offered' after `confirmPatience`.
    func confirmClaims(on connection: PostgresConnection) async throws {
        let ids = Set(unconfirmed.withLock { $0.map(\.offerID) })
        guard !ids.isEmpty else { return }
        let rows = try await connection.execute(ConfirmClaims(forwarder: id, offers: Array(ids)), logger: connector.logger)
        var mine = Set<Int>()
        var open = Set<Int>()
        for try await (offerID, held, offered) in rows {
            if held { mine.insert(offerID) }
            if offered { open.insert(offerID) }
        }
        // Taken out under the lock, one claim per row: a round left to end alone past its
        // deadline may confirm the same rows at the same time as the next round.
        let now = ContinuousClock.now
        let started = unconfirmed.withLock { list -> [Claim] in
            var started: [Claim] = []
            var kept: [Claim] = []
            for claim in list {
                if mine.contains(claim.offerID) {
                    if !started.contains(where: { $0.offerID == claim.offerID }) { started.append(claim) }
                } else if !ids.contains(claim.offerID) || (open.contains(claim.offerID) && now - claim.claimedAt < Self.confirmPatience) {
                    kept.append(claim)
                }
            }
            list = kept
            return started
        }
        for claim in started { start(claim) }
    }
}

import Foundation
import HookscopeCore

/// Quitting with forwards in flight (SIGINT, SIGTERM, `q`): the claims are this forwarder's,
/// so no other forwarder can take them, and their senders wait on its answers. It used to
/// stop its answer loop and unregister at once: the app's answers were reported late and
/// never written, and each sender waited out the listener's whole `--forward-timeout`
/// (session 18 review L2). Now it stops claiming, waits a few seconds for the answers in
/// flight to be written, and says so; what is still in flight after that is left to the
/// listener, which answers by its plan at once once the forwarder's row is gone
/// (RemoteForwardRelay+TakeBack.swift), not at the timeout.
extension RemoteForwardClaimer {
    /// A few seconds: long enough for an app that is answering, short enough that ^C
    /// still feels like quitting (the listener's plan answers what an app takes longer on).
    public static let defaultDrainPatience = Duration.seconds(5)

    /// Waits up to `drainPatience` for every forward started to have its answer written,
    /// or until `stopWaiting`.
    func drainForwards() async {
        let left = inFlight.withLock { $0 }
        guard left > 0 else { return }
        withdrawRoutes()
        notice("waiting up to \(Self.seconds(drainPatience)) for the app's answer to \(Self.forwards(left)) in flight, "
            + "so it reaches the sender (^C again to stop now)")
        // In a task of its own: `run()`'s task has been cancelled, and a wait in it ends at once.
        let stillLeft = await Task {
            let deadline = ContinuousClock.now + self.drainPatience
            while true {
                let left = self.inFlight.withLock { $0 }
                let now = ContinuousClock.now
                if left == 0 || now >= deadline || self.drainStopped.withLock({ $0 != nil }) { return left }
                await self.drained.wait(timeout: deadline - now)
            }
        }.value
        guard stillLeft > 0 else { return }
        if let signal = drainStopped.withLock({ $0 }) {
            notice("\(signal) again: not waiting for \(Self.forwards(stillLeft)) in flight; the listener answers by its plan")
        } else {
            notice("\(Self.forwards(stillLeft)) still without an answer after \(Self.seconds(drainPatience)): "
                + "the listener answers by its plan")
        }
    }

    /// Stops the wait for the forwards in flight at once (a second stop signal, `why`); what
    /// is left is answered by the listener's plan once this forwarder has unregistered, as
    /// at the end of its patience. Before any wait, the next one does not begin.
    public func stopWaiting(_ why: String) {
        drainStopped.withLock { $0 = $0 ?? why }
        drained.signal()
    }

    /// Stays registered (its claims are not taken for a quit forwarder's yet) but withdraws
    /// its routes, and wakes the listeners: they offer it nothing new, and take back at once
    /// what they offered it and it did not claim (RemoteForwardRelay+TakeBack.swift).
    /// Before, it kept its routes while it drained, and each delivery offered to it alone
    /// meanwhile waited out `--claim-timeout` (session 19 review L1). Not awaited: the
    /// drain need not wait for it, and the DELETE that unregisters, on the same connection,
    /// queues behind it (or, sent first, leaves it nothing to change).
    private func withdrawRoutes() {
        guard let connection = claimLink.connection else { return }
        let (id, logger) = (id, connector.logger)
        // In a task of its own: `run()`'s task has been cancelled (see `unregister`).
        Task {
            _ = try? await StoreDeadline.run(seconds: 2) { _ in
                try await connection.query(
                    "UPDATE hookscope_forwarders SET routes = \(RemoteForwardRoutes.withdrawn)::json WHERE id = \(id)", logger: logger)
                try await connection.query("NOTIFY hookscope_forwarders", logger: logger)
            }
        }
    }

    private static func forwards(_ count: Int) -> String {
        count == 1 ? "1 forward" : "\(count) forwards"
    }

    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}

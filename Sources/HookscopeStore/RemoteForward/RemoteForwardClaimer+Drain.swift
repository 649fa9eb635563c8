import Foundation

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

    /// Waits up to `drainPatience` for every forward started to have its answer written.
    func drainForwards() async {
        let left = inFlight.withLock { $0 }
        guard left > 0 else { return }
        notice("waiting up to \(Self.seconds(drainPatience)) for the app's answer to \(Self.forwards(left)) in flight, so it reaches the sender")
        // In a task of its own: `run()`'s task has been cancelled, and a wait in it ends at once.
        let stillLeft = await Task {
            let deadline = ContinuousClock.now + self.drainPatience
            while true {
                let left = self.inFlight.withLock { $0 }
                let now = ContinuousClock.now
                if left == 0 || now >= deadline { return left }
                await self.drained.wait(timeout: deadline - now)
            }
        }.value
        if stillLeft > 0 {
            notice("\(Self.forwards(stillLeft)) still without an answer after \(Self.seconds(drainPatience)): "
                + "the listener answers by its plan")
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

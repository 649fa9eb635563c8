/// The self-hosted tunnel as the capture server sees it: a delivery the plan would answer
/// with its default answer is offered to the forwarders attached to the shared store
/// (`attach --forward`), and the sender gets what comes back. Implemented by the store's
/// `RemoteForwardRelay`; the server knows only this.
public protocol RemoteForwarding: Sendable {
    /// Offers `exchange`; false when no attached forwarder's routes take it (the plan
    /// answers at once, so a store without forwarders adds no latency). When true, `reply`
    /// is called exactly once, on any thread, by the deadline at the latest. `only`: a
    /// forwarder's id; offered to it alone whatever the routes say (a held request its
    /// user forwarded), false when that is no id.
    func offer(_ exchange: Exchange, only forwarder: String?, reply: @escaping @Sendable (RemoteForwardResult) -> Void) -> Bool
}

/// How an offered delivery ended.
public enum RemoteForwardResult: Sendable, Equatable {
    /// A forwarder's app answered (or the forwarder's 502/504 says why it could not).
    case answered(RemoteForwardAnswer)
    /// Nobody claimed it within the claim timeout.
    case unclaimed
    /// Claimed by `by` (user@host), but no answer came within the forward timeout.
    case timedOut(by: String?)
}

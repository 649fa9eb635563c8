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
    /// Nobody claimed it (as far as the listener could tell: see `Unclaimed`); the plan
    /// answers, recorded with source `unclaimed` and, when it is not the plain claim
    /// timeout, why in `forward.error`.
    case unclaimed(Unclaimed)
    /// Claimed by `by` (user@host), but no answer came within the forward timeout.
    case timedOut(by: String?)
    /// Claimed by `by` (user@host), whose forwarder then quit (its row in the store is
    /// gone) without writing its app's answer: none can come, so the plan answers at once
    /// rather than at the forward timeout (session 18 review L2). Recorded as a claimed
    /// forward whose answer did not come (source `forward_timeout`), `forward.error`
    /// saying the forwarder quit mid-forward.
    case forwarderQuit(by: String)

    /// Whether the plan answered because nobody claimed it (the record's source
    /// `unclaimed`), rather than because a claimed forward's answer did not come.
    public var isUnclaimed: Bool {
        if case .unclaimed = self { return true }
        return false
    }

    /// The record's `forward.error` for `forwarderQuit(by:)`.
    public static func quitMidForward(by: String) -> String {
        "forwarder quit mid-forward: \(by) claimed it and left before its app's answer was written"
    }

    /// Why the plan answered an offered delivery.
    public enum Unclaimed: Sendable, Equatable {
        /// Nobody claimed it within the claim timeout.
        case claimTimeout
        /// Every forwarder it was offered to quit (unregistered) before claiming it, so it
        /// was taken back at once rather than at the claim timeout. `who`: their user@host,
        /// as far as the listener had read them.
        case forwarderQuit(who: [String])
        /// The listener could not confirm it took the offer back (the statement missed its
        /// deadline, or the connection was gone): the sender is not held for the database,
        /// so the plan answered, but a forwarder may have claimed it meanwhile and called
        /// its app once.
        case takeBackUnconfirmed
        /// The listener stopped (shut down) before it saw a forwarder claim it: no claim
        /// timeout had passed, so the record says so (review 18 L4).
        case listenerStopping

        /// The record's `forward.error`: what the tunnel did, for whoever reads the capture.
        public var explanation: String {
            switch self {
            case .claimTimeout:
                return "unclaimed: no forwarder claimed it within --claim-timeout"
            case .forwarderQuit(let who):
                let named = who.isEmpty ? "" : " (\(who.joined(separator: ", ")))"
                return "unclaimed: forwarder quit: every forwarder it was offered to left before claiming it\(named)"
            case .takeBackUnconfirmed:
                return "unclaimed, take-back unconfirmed: the store did not confirm in time that the offer was taken back, "
                    + "so a forwarder may still have claimed it and called its app"
            case .listenerStopping:
                return "unclaimed: the listener stopped before it saw a forwarder claim it"
            }
        }
    }
}

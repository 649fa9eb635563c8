import HookscopeCore

/// What every connection's capture handler shares: where exchanges go, how they are
/// answered, and the limits. (NIO's `ChannelHandlerContext` is the other "context" in the
/// handler; this one is called `shared` there so the two never need telling apart.)
struct CaptureShared: Sendable {
    let store: CaptureStore
    let plan: ResponsePlanHolder
    let interceptor: InterceptController
    let forwarder: Forwarder?
    let analyzer: ExchangeAnalyzer
    let retries: RetryGrouper
    let onComplete: ExchangeCompletionHandler
    /// Told of every exchange as it is stored, before its answer (the shared store's writer).
    let onCapture: ExchangeCompletionHandler
    let maxBodyBytes: Int
    let maxURIBytes: Int
    let timeouts: ConnectionTimeouts
    /// The shared store's forwarders (`attach --forward`), offered what the plan would
    /// answer by default; nil without a store.
    var remoteForward: (any RemoteForwarding)? = nil

    /// The one way a new exchange enters the store (and reaches `onCapture`); returns it
    /// with its id. A request that
    /// was read (whole, or cut at --max-body) is analysed (sender, signature) and numbered
    /// as a retry first; one refused before it was read (malformed, target too long, too
    /// slow) is stored as it arrived, with its `rejection`.
    func storeNew(_ exchange: Exchange) -> Exchange {
        var exchange = exchange
        if exchange.rejection == nil {
            exchange.analysis = analyzer(exchange)
            if let relay = exchange.relay, !relay.bodyIsExact, exchange.analysis.signature.status == .invalid {
                // The relay's re-encoding, not the sender's body, failed the check: say so.
                exchange.analysis.signature.reason = ExchangeRelay.reencodedReason(kind: relay.kind, original: exchange.analysis.signature.reason)
            }
            retries.assign(&exchange)
        }
        let stored = store.append(exchange)
        onCapture(stored)
        return stored
    }
}

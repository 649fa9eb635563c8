import HookscopeCore

extension CaptureServer {
    /// A delivery a relay brought (`--source smee:URL`): stored and analysed as a captured
    /// request is, sent on to the user's app when a `--forward` route takes it, completed
    /// with the relay's answer (the relay answered the sender; nothing chosen here reaches
    /// it) and reported to `onComplete` (lines, --save, the shared store) like any other.
    @discardableResult
    public func recordRelayed(_ exchange: Exchange) async -> Exchange {
        let started = MonotonicInstant.now()
        let stored = shared.storeNew(exchange)
        var completed = stored
        if let forwarder, let route = forwarder.route(for: stored) {
            if let outcome = try? await forwarder.forward(stored, along: route, on: group.next()).get() {
                completed.upstream = outcome.upstream
            }
        }
        completed.response = ExchangeResponse(status: nil, source: .relay, durationMilliseconds: started.milliseconds(until: .now()))
        shared.store.update(completed)
        shared.onComplete(completed)
        return completed
    }
}

import HookscopeCore

extension Replayer.Outcome {
    /// The replay as a row for the store, linked to the original ("replay of #17"): the
    /// request as it was sent, the target's answer as both its response (source
    /// `forward`) and its upstream, or the failure (status nil, source `error`).
    public func asExchange(sentAt: Timestamp) -> Exchange {
        var row = Exchange(
            receivedAt: sentAt, remote: Exchange.replayRemote, method: sent.method,
            target: original.target, httpVersion: original.httpVersion, headers: sent.headers, body: sent.body,
            analysis: ExchangeAnalysis(provider: original.analysis.provider, event: original.analysis.event, deliveryID: original.analysis.deliveryID)
        )
        row.replayOf = original.id
        switch result {
        case .success(let answer):
            row.response = ExchangeResponse(
                status: answer.status, headers: answer.headers, body: answer.body, source: .forward,
                durationMilliseconds: answer.durationMilliseconds
            )
            row.upstream = UpstreamResponse(
                url: sent.url, status: answer.status, headers: answer.headers, body: answer.body,
                durationMilliseconds: answer.durationMilliseconds
            )
        case .failure(let failure):
            var waited = 0.0
            if case .timedOut(let milliseconds) = failure { waited = Double(milliseconds) }
            row.response = ExchangeResponse(status: nil, source: .error, durationMilliseconds: waited)
            row.upstream = UpstreamResponse(url: sent.url, status: nil, durationMilliseconds: waited, error: failure.description, timedOut: waited > 0)
        }
        return row
    }
}

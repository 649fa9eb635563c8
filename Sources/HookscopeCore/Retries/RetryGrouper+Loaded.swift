extension RetryGrouper {
    /// Numbers loaded exchanges (`listen --load`, a JSON Lines or HAR file) as the server
    /// numbers live ones: in file order, each through `assign`, so the Attempts tab groups
    /// them and a live retry of a loaded event continues its count. The files keep no
    /// retry key, so without this every loaded row stood alone. A saved analysis (a line
    /// with its provider) is kept, since the verdict was made with the secrets of its day;
    /// one without (HAR, an unknown sender) is analysed now, as a live capture would be.
    /// Rejected requests are not numbered, as live; nor are replays a terminal UI saved
    /// (`w`, `x`: rows whose remote is `hookscope replay`), which live capture never counts
    /// as attempts either: they are hookscope's own requests, not the sender's retries
    /// (review L2).
    public func assignLoaded(_ exchanges: [Exchange], analyze: (Exchange) -> ExchangeAnalysis) -> [Exchange] {
        exchanges.map { loaded in
            var exchange = loaded
            guard exchange.rejection == nil else { return exchange }
            if exchange.analysis.provider == nil { exchange.analysis = analyze(exchange) }
            guard exchange.remote != Exchange.replayRemote else { return exchange }
            assign(&exchange)
            return exchange
        }
    }
}

import HookscopeCore

/// What a row says about forwarding and replay: a replay must be told apart from the
/// delivery it repeats, and a forward that never reached the app must not pass for an
/// ordinary 502 the user chose.
extension ListScreen {
    /// Provider and event, led by "replay of #17" on a replay and by "by you" on a delivery
    /// this attached UI forwarded itself (`attach --forward`) (wide terminals only).
    static func sourceText(_ exchange: Exchange, ownForwarder: String? = nil) -> String {
        let analysis = exchange.analysis
        var words = [analysis.provider, analysis.event].compactMap { $0 }
        if let original = exchange.replayOf { words.insert("replay of #\(original)", at: 0) }
        if let relay = exchange.relay { words.insert(relay.kind, at: 0) }
        if isOwnForward(exchange, ownForwarder: ownForwarder) { words.insert("by you", at: 0) }
        return words.joined(separator: " ")
    }

    /// Forwarded through the store by this attached UI's own `--forward`.
    static func isOwnForward(_ exchange: Exchange, ownForwarder: String?) -> Bool {
        guard let ownForwarder, let forwarder = exchange.upstream?.forwarder else { return false }
        return forwarder == ownForwarder
    }

    /// The TRY column: a replay mark, or the attempt number of a retry.
    static func tryText(_ exchange: Exchange, unicode: Bool) -> String? {
        if exchange.replayOf != nil { return unicode ? "↻" : "R" }
        return exchange.analysis.attempt > 1 ? "#\(exchange.analysis.attempt)" : nil
    }

    /// The word for a forward or replay the app did not answer: "app slow" when the wait
    /// ran out (the sender got 504), "app down" for everything else (refused, unreachable,
    /// not HTTP). Both fit the narrow layout's 8-column SIZE cell.
    static func forwardFailureWord(_ exchange: Exchange) -> String? {
        guard exchange.upstream?.error != nil else { return nil }
        return exchange.response?.status == 504 || exchange.upstream?.timedOut == true ? "app slow" : "app down"
    }
}

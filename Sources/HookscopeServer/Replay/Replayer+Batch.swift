import HookscopeCore

extension Replayer {
    /// One line of progress for a person: what happened to one replay, or the tally.
    public struct Progress: Sendable, Equatable {
        public var text: String
        public var isError: Bool

        public init(text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    /// Sends the exchanges one after the other, in order (each re-signed when asked), and
    /// stores a row per result, linked to its original, with the signature verdict for the
    /// bytes as sent at sending time: a re-signed replay shows valid, one sent stale shows
    /// expired, as its receiver will see it. Reports a line per replay and, for several,
    /// a tally naming the ones that failed. Without a store (an attached client, whose rows'
    /// ids are the shared store's) the lines name no row. `routed` sends the exchanges it
    /// names (by id) elsewhere than `target`: to the app of their own `--forward` route.
    public func replayAll(_ items: [(Exchange, resign: Bool)], to target: String, routed: [Int: String] = [:], store: CaptureStore?, report: @Sendable (Progress) -> Void) async {
        var failed: [Int] = []
        for (index, item) in items.enumerated() {
            let step = items.count == 1 ? "" : "(\(index + 1) of \(items.count)) "
            do {
                let outcome = try await replay(item.0, to: routed[item.0.id] ?? target, resign: item.resign)
                var sent = outcome.asExchange(sentAt: .now())
                sent.analysis = analyzer.analyze(sent)
                let row = store?.append(sent)
                if case .failure = outcome.result { failed.append(item.0.id) }
                report(Progress(text: step + Self.summary(outcome, row: row), isError: failed.last == item.0.id))
            } catch {
                failed.append(item.0.id)
                report(Progress(text: step + "not replayed: \(error)", isError: true))
            }
        }
        guard items.count > 1 else { return }
        let tally = "replayed \(items.count): \(items.count - failed.count) answered"
        report(failed.isEmpty
            ? Progress(text: tally, isError: false)
            : Progress(text: tally + ", \(failed.count) failed (" + failed.map { "#\($0)" }.joined(separator: " ") + ")", isError: true))
    }

    /// `replay of #17 is #25: 200 OK in 12.3 ms (re-signed: stripe (wh…3f))`, or without a
    /// row `replay of #17: 200 OK in 12.3 ms`.
    static func summary(_ outcome: Outcome, row: Exchange?) -> String {
        var text = "replay of #\(outcome.original.id)" + (row.map { " is #\($0.id)" } ?? "") + ": "
        switch outcome.result {
        case .success(let answer):
            let reason = HTTPStatusText.reason(for: answer.status)
            text += "\(answer.status)\(reason.isEmpty ? "" : " " + reason) in \(DurationText.format(milliseconds: answer.durationMilliseconds))"
        case .failure(let failure):
            text += "failed: \(failure)"
        }
        if let resigned = outcome.resignedWith { text += " (re-signed: \(resigned))" }
        if let warning = outcome.warnings.first { text += "; \(warning)" }
        return text
    }
}

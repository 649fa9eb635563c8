import HookscopeCore

extension AppState {
    /// The one way a replay leaves `update`: decides, with the `replayCheck` dependency,
    /// whether the exchanges may go as they are, need the user's word first (signatures past
    /// their tolerance), and what the message line says; then asks the runner to send.
    mutating func replay(_ order: ReplayOrder) -> [AppEffect] {
        let exchanges = replayExchanges(order)
        guard !exchanges.isEmpty else {
            return nothing("nothing to replay: those exchanges are no longer stored")
        }
        if !order.checked {
            let checks: [(id: Int, check: ReplayCheck)] = exchanges.map { ($0.id, replayCheck($0, now)) }
            let stale = checks.filter { $0.check.stale }
            if !stale.isEmpty {
                confirmation = ReplayConfirmation(
                    order: order,
                    warnings: checks.flatMap { $0.check.warnings },
                    resignable: Set(stale.filter { $0.check.canResign }.map { $0.id }),
                    resignProblems: stale.compactMap { $0.check.cannotResign }
                )
                message = nil
                return []
            }
        }
        message = StatusMessage(Self.replayingText(exchanges, order: order, note: replayNote(order, found: exchanges.count)))
        return [.replay(order)]
    }

    /// What `order` sends: the edited request, else the stored exchanges still there, in order.
    func replayExchanges(_ order: ReplayOrder) -> [Exchange] {
        order.edited.map { [$0] } ?? order.ids.compactMap { exchange(id: $0) }
    }

    /// The text `e` saved came back: re-signed when the provider's secret is known, unless
    /// the user changed the signature headers themselves (to test a bad one); a stale one
    /// that is not re-signed gets the same question as `r`.
    mutating func replayEdited(_ edited: Exchange, originalID id: Int, target: String) -> [AppEffect] {
        guard let original = exchange(id: id) else {
            return nothing("#\(id) is no longer stored (evicted or cleared)")
        }
        let check = replayCheck(original, now)
        let touched = check.signatureHeaders.contains { name in
            original.headers.first(named: name) != edited.headers.first(named: name)
        }
        let resign = check.canResign && !touched
        return replay(ReplayOrder(ids: [id], target: target, resign: resign ? [id] : [], checked: resign, edited: edited))
    }

    private func replayNote(_ order: ReplayOrder, found: Int) -> String? {
        if order.edited != nil {
            guard let original = order.ids.first.flatMap(exchange(id:)), original.bodyTruncated else { return nil }
            // The editor showed only what was kept; the user must know the rest never existed here.
            return "edited from a body cut at the size limit: \(ByteCountText.format(original.body.count)) of \(ByteCountText.format(original.bodySize))"
        }
        let missing = order.ids.count - found
        return missing > 0 ? "\(missing) no longer stored" : nil
    }

    private static func replayingText(_ exchanges: [Exchange], order: ReplayOrder, note: String?) -> String {
        let what = exchanges.count == 1 ? "#\(exchanges[0].id)" : "\(exchanges.count) exchanges"
        let resigned = exchanges.filter { order.resign.contains($0.id) }.count
        var notes = resigned == 0 ? [] : [exchanges.count == 1 ? "re-signed" : "\(resigned) re-signed"]
        if let note { notes.append(note) }
        return "replaying \(what) to \(order.targets.joined(separator: ", "))\(notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")…"
    }
}

import HookscopeCore

extension AppState {
    /// Replay and edit-and-replay, on the list (the marked rows, else the selected one) and
    /// on the detail screen (the exchange shown).
    mutating func handleReplayAction(_ action: AppAction) -> [AppEffect] {
        switch action {
        case .replay:
            let ids = actionIDs
            guard !ids.isEmpty else { return nothing("nothing to replay") }
            // Marks are used once: a later r meant for one row must not send them all again.
            if screen == .list { marked = [] }
            guard let target = currentReplayTarget else { return askForTarget(then: ReplayIntent(ids: ids)) }
            return replay(routedOrder(ids: ids, target: target))
        case .editAndReplay:
            guard let id = focusedID else { return nothing("nothing to edit") }
            guard let target = exchange(id: id).flatMap(replayTarget(for:)) ?? currentReplayTarget else {
                return askForTarget(then: ReplayIntent(ids: [id], edit: true))
            }
            return [.editAndReplay(id: id, target: target)]
        case .setReplayTarget:
            input = TextInput(purpose: .replayTarget(then: nil), text: currentReplayTarget ?? "http://localhost:3000")
            message = StatusMessage("where r sends: http://host:port, with an optional path prefix")
        default:
            break
        }
        return []
    }

    /// The replay target in force: the one typed last, else the --forward target.
    var currentReplayTarget: String? { replayTarget ?? header.forwardTarget }

    /// Where one exchange replays to: the target typed with T, else the app of the
    /// `--forward` route that forwarded it (as recorded), else of the route it matches,
    /// else the primary --forward target. Review M9: all went to the primary route.
    func replayTarget(for exchange: Exchange) -> String? {
        if let replayTarget { return replayTarget }
        if let routes = header.forwardRoutes {
            if let name = exchange.upstream?.route, let recorded = routes.all.first(where: { $0.name == name }) {
                return recorded.upstream
            }
            if let matching = routes.route(for: exchange) { return matching.upstream }
        }
        return header.forwardTarget
    }

    /// A replay to `target`, with the exchanges whose own route goes elsewhere sent there.
    func routedOrder(ids: [Int], target: String) -> ReplayOrder {
        var routed: [Int: String] = [:]
        for id in ids {
            if let exchange = exchange(id: id), let own = replayTarget(for: exchange), own != target { routed[id] = own }
        }
        return ReplayOrder(ids: ids, target: target, routed: routed)
    }

    /// Where a copied curl command sends: the replay target (the exchange's route's app),
    /// else the public URL (the way senders come in: the URL the sender called, whether or
    /// not the proxy kept the public URL's path in the target), else the Host header it
    /// carried.
    func curlBaseURL(for exchange: Exchange) -> String? {
        replayTarget(for: exchange) ?? header.publicURL.map { SignedURL.senderBase(publicURL: $0, target: exchange.target) }
    }

    /// The base of an exported curl script and the exchanges whose base differs: another
    /// route's app, or the public URL's origin for a target that already holds its path.
    func curlTargets(for exchanges: [Exchange]) -> (base: String?, routed: [Int: String]) {
        let base = currentReplayTarget ?? header.publicURL
        var routed: [Int: String] = [:]
        for exchange in exchanges {
            if let own = curlBaseURL(for: exchange), own != base { routed[exchange.id] = own }
        }
        return (base, routed)
    }

    private mutating func askForTarget(then intent: ReplayIntent) -> [AppEffect] {
        input = TextInput(purpose: .replayTarget(then: intent), text: "http://localhost:3000")
        message = StatusMessage("no --forward target: where should replays go? (remembered)")
        return []
    }

    /// The typed target is remembered; a pending replay then goes there.
    mutating func acceptReplayTarget(_ field: TextInput, then intent: ReplayIntent?) -> [AppEffect] {
        let target = field.text.trimmingSpaces
        if let problem = ReplayPreparation.targetProblem(target) {
            input = field
            message = StatusMessage(problem, isError: true)
            return []
        }
        replayTarget = target
        guard let intent else {
            message = StatusMessage("replays go to \(target)")
            return []
        }
        if intent.edit, let id = intent.ids.first { return [.editAndReplay(id: id, target: target)] }
        return replay(ReplayOrder(ids: intent.ids, target: target))
    }

    /// Keys while the replay warning is shown.
    mutating func handleConfirmation(_ key: Key) -> [AppEffect] {
        guard let question = confirmation else { return [] }
        switch keymap.action(for: key, in: [.confirm]) {
        case .accept?:
            confirmation = nil
            var order = question.order
            order.checked = true
            return replay(order)
        case .resignAndSend?:
            guard !question.resignable.isEmpty else {
                message = StatusMessage(question.resignProblems.first ?? "nothing here can be re-signed", isError: true)
                return []
            }
            confirmation = nil
            var order = question.order
            order.checked = true
            order.resign = question.resignable
            return replay(order)
        case .cancel?:
            confirmation = nil
            message = StatusMessage("replay cancelled")
            return []
        default:
            return escapeKeyEffects(key)
        }
    }
}

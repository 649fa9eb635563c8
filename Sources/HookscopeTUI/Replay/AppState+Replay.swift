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
            return replay(ReplayOrder(ids: ids, target: target))
        case .editAndReplay:
            guard let id = focusedID else { return nothing("nothing to edit") }
            guard let target = currentReplayTarget else { return askForTarget(then: ReplayIntent(ids: [id], edit: true)) }
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

    /// Where a copied or exported curl command sends: the replay target, else the public
    /// URL (the way senders come in), else the Host header the request carried.
    var curlBaseURL: String? { currentReplayTarget ?? header.publicURL }

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

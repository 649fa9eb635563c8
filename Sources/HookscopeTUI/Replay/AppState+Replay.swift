import HookscopeCore

extension AppState {
    /// Marking, replay, edit-and-replay, export and copy-as-curl, on the list (the marked
    /// rows, else the selected one) and on the detail screen (the exchange shown).
    mutating func handleReplayAction(_ action: AppAction) -> [AppEffect] {
        switch action {
        case .toggleMark:
            guard let exchange = selectedExchange else { return [] }
            if marked.remove(exchange.id) == nil { marked.insert(exchange.id) }
            // Like a file manager's Insert: the next row is ready to be marked.
            if let row = selectedRow, row < list.count - 1 { moveSelection(by: 1) }
            message = StatusMessage(marked.isEmpty ? "no marks" : "\(marked.count) marked: r replays them in order, x exports them, u unmarks")
        case .clearMarks:
            message = StatusMessage(marked.isEmpty ? "nothing was marked" : "unmarked \(marked.count)")
            marked = []
        case .replay:
            let ids = actionIDs
            guard !ids.isEmpty else { return nothing("nothing to replay") }
            // Marks are used once: a later r meant for one row must not send them all again.
            if screen == .list { marked = [] }
            guard let target = currentReplayTarget else { return askForTarget(then: ReplayIntent(ids: ids)) }
            return [.replay(ReplayOrder(ids: ids, target: target))]
        case .editAndReplay:
            guard let id = focusedID else { return nothing("nothing to edit") }
            guard let target = currentReplayTarget else { return askForTarget(then: ReplayIntent(ids: [id], edit: true)) }
            return [.editAndReplay(id: id, target: target)]
        case .setReplayTarget:
            input = TextInput(purpose: .replayTarget(then: nil), text: currentReplayTarget ?? "http://localhost:3000")
            message = StatusMessage("where r sends: http://host:port, with an optional path prefix")
        case .export, .exportShown:
            let ids = action == .exportShown ? (0..<list.count).map { list[$0].id } : actionIDs
            guard !ids.isEmpty else { return nothing("nothing to export") }
            if screen == .list, action == .export { marked = [] }
            let format = ExportFormat.har
            let name = ids.count == 1 ? "hookscope-\(ids[0])" : defaultSavePath.replacingSuffix(".jsonl", with: "")
            input = TextInput(purpose: .export(ids: ids, format: format), text: format.applied(to: name))
        case .copyCurl:
            guard let id = focusedID, let exchange = exchange(id: id) else { return nothing("nothing to copy") }
            let command = CurlExport.command(for: exchange, baseURL: curlBaseURL)
            return [.copy(bytes: Array(command.utf8), what: "#\(id) as a curl command")]
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

    /// What `r` and `x` act on: on the list the marked rows in list order, else the
    /// selected row; on the detail screen the exchange shown.
    var actionIDs: [Int] {
        if screen == .detail { return detailExchange.map { [$0.id] } ?? [] }
        if !marked.isEmpty { return marked.sorted() }
        return selectedExchange.map { [$0.id] } ?? []
    }

    /// The one exchange `e` and `C` act on: the detail's, else the selected row.
    var focusedID: Int? {
        screen == .detail ? detailExchange?.id : selectedExchange?.id
    }

    func exchange(id: Int) -> Exchange? {
        snapshot.position(ofID: id).map { snapshot[$0] }
    }

    private mutating func nothing(_ text: String) -> [AppEffect] {
        message = StatusMessage(text, isError: true)
        return []
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
        return [.replay(ReplayOrder(ids: intent.ids, target: target))]
    }

    /// The typed path decides the format when its ending names one (`.har`, `.sh`, `.http`).
    mutating func acceptExport(_ field: TextInput, ids: [Int], format: ExportFormat) -> [AppEffect] {
        let path = field.text.trimmingSpaces
        guard !path.isEmpty else { return [] }
        let exchanges = ids.compactMap { exchange(id: $0) }
        guard !exchanges.isEmpty else { return nothing("those exchanges are no longer stored (evicted or cleared)") }
        let chosen = ExportFormat.named(byPath: path) ?? format
        // A HAR records where the requests went (their Host); a curl script is for sending
        // them again, so it points at the replay target when there is one.
        let order = ExportOrder(path: path, format: chosen, exchanges: exchanges, baseURL: chosen == .curl ? curlBaseURL : nil,
                                overwrite: field.confirmed == path, reopen: field)
        return [.export(order)]
    }

    /// Keys while the replay warning is shown.
    mutating func handleConfirmation(_ key: Key) -> [AppEffect] {
        guard let question = confirmation else { return [] }
        switch keymap.action(for: key, in: [.confirm]) {
        case .accept?:
            confirmation = nil
            var order = question.order
            order.checked = true
            return [.replay(order)]
        case .resignAndSend?:
            guard !question.resignable.isEmpty else {
                message = StatusMessage(question.resignProblems.first ?? "nothing here can be re-signed", isError: true)
                return []
            }
            confirmation = nil
            var order = question.order
            order.checked = true
            order.resign = question.resignable
            return [.replay(order)]
        case .cancel?:
            confirmation = nil
            message = StatusMessage("replay cancelled")
            return []
        default:
            return escapeKeyEffects(key)
        }
    }
}

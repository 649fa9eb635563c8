import HookscopeCore

extension AppState {
    mutating func handleList(_ action: AppAction) -> [AppEffect] {
        let page = layout.bodyHeight
        switch action {
        case .moveDown: moveSelection(by: 1)
        case .moveUp: moveSelection(by: -1)
        case .pageDown: moveSelection(by: page)
        case .pageUp: moveSelection(by: -page)
        case .first: moveSelection(by: -(selectedRow ?? 0))
        case .follow, .last:
            follow = true
            selectedID = nil
        case .open:
            guard let exchange = selectedExchange else { return [] }
            openDetail(exchange.id)
        case .startFilter:
            input = TextInput(purpose: .filter, text: filterText)
        case .clearFilter:
            setFilter("")
        case .clearList:
            return [.clearStore]
        case .copyBody:
            guard let exchange = selectedExchange else { return [] }
            return [.copy(bytes: exchange.body, what: "the body of #\(exchange.id)")]
        case .save:
            input = TextInput(purpose: .savePath, text: defaultSavePath)
        case .showRules:
            screen = .rules
        case .pickAnswer, .toggleIntercept, .answerPending, .answerAllPending, .dropPending:
            return handleAnswerAction(action)
        case .toggleMark, .clearMarks:
            return handleMarking(action)
        case .replay, .editAndReplay, .setReplayTarget:
            return handleReplayAction(action)
        case .export, .exportShown, .copyCurl:
            return handleExportAction(action)
        default:
            break
        }
        return []
    }

    /// Moves the selection by whole rows and pauses follow mode; the selection's screen
    /// line moves with it until it reaches the top or bottom, then the list scrolls.
    mutating func moveSelection(by delta: Int) {
        let list = self.list
        guard let current = selectedRow else { return }
        let height = layout.bodyHeight
        if follow { selectionLine = min(current, height - 1) }
        let target = max(0, min(list.count - 1, current + delta))
        follow = false
        selectedID = list[target].id
        selectionLine = max(0, min(selectionLine + (target - current), min(height - 1, target)))
    }

    /// The list row on the first body line: the selection stays on its screen line, and
    /// the list never scrolls past its end. nil when the list is empty.
    public var listTop: Int? {
        guard let selected = selectedRow else { return nil }
        let height = layout.bodyHeight
        let line = follow ? min(selected, height - 1) : min(selectionLine, selected)
        return max(0, min(selected - line, list.count - height))
    }

    mutating func openDetail(_ id: Int) {
        screen = .detail
        detail = DetailState(exchangeID: id)
    }

    /// `hookscope-20261123-190502.jsonl` in the working directory, from the UI clock.
    var defaultSavePath: String {
        let stamp = now.rfc3339
        let digits = stamp.prefix(19).filter { $0.isNumber }
        let date = digits.prefix(8), time = digits.dropFirst(8)
        return "hookscope-\(date)-\(time).jsonl"
    }
}

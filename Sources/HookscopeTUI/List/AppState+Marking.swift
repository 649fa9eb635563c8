import HookscopeCore

extension AppState {
    /// Marking rows on the list, for `r` and `x` to act on together.
    mutating func handleMarking(_ action: AppAction) -> [AppEffect] {
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
        default:
            break
        }
        return []
    }

    /// What `r` and `x` act on: on the list the marked rows in list order, else the
    /// selected row; on the detail screen the exchange shown.
    var actionIDs: [Int] {
        if screen == .detail { return detailExchange.map { [$0.id] } ?? [] }
        if !marked.isEmpty { return marked.sorted() }
        return selectedExchange.map { [$0.id] } ?? []
    }

    /// The one exchange `e` and `Y` act on: the detail's, else the selected row.
    var focusedID: Int? {
        screen == .detail ? detailExchange?.id : selectedExchange?.id
    }

    func exchange(id: Int) -> Exchange? {
        snapshot.position(ofID: id).map { snapshot[$0] }
    }

    /// Says on the message line that there is nothing for the key to act on.
    mutating func nothing(_ text: String) -> [AppEffect] {
        message = StatusMessage(text, isError: true)
        return []
    }
}

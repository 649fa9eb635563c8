import HookscopeCore

extension AppState {
    mutating func handleDetail(_ action: AppAction) -> [AppEffect] {
        let page = layout.bodyHeight
        switch action {
        case .back:
            screen = .list
        case .nextTab: selectTab(DetailState.Tab(rawValue: (detail.tab.rawValue + 1) % DetailState.Tab.allCases.count)!)
        case .previousTab: selectTab(DetailState.Tab(rawValue: (detail.tab.rawValue + DetailState.Tab.allCases.count - 1) % DetailState.Tab.allCases.count)!)
        case .nextDelivery, .previousDelivery:
            // Steps through the list as filtered, keeping the tab: compare deliveries fast.
            moveSelection(by: action == .nextDelivery ? 1 : -1)
            guard let exchange = selectedExchange, exchange.id != detail.exchangeID else { return [] }
            detail.exchangeID = exchange.id
            detail.scroll = 0
            detail.bodyView = nil
        case .requestTab: selectTab(.request)
        case .signatureTab: selectTab(.signature)
        case .responseTab: selectTab(.response)
        case .attemptsTab: selectTab(.attempts)
        case .cycleBodyView:
            guard let body = detailBody else { return [] }
            detail.bodyView = (detail.bodyView ?? BodyFormatter.automaticView(for: body.bytes, contentType: body.contentType)).next
            detail.scroll = 0
        case .moveDown: detail.scroll += 1
        case .moveUp: detail.scroll -= 1
        case .pageDown: detail.scroll += page
        case .pageUp: detail.scroll -= page
        case .first: detail.scroll = 0
        case .last: detail.scroll = Int.max / 2
        case .copyBody:
            guard let exchange = detailExchange, let body = detailBody else { return [] }
            let which = detail.tab == .response ? "response body" : "body"
            return [.copy(bytes: body.bytes, what: "the \(which) of #\(exchange.id)")]
        case .replay, .editAndReplay, .setReplayTarget:
            return handleReplayAction(action)
        case .export, .copyCurl:
            return handleExportAction(action)
        default:
            break
        }
        return []
    }

    private mutating func selectTab(_ tab: DetailState.Tab) {
        guard tab != detail.tab else { return }
        detail.tab = tab
        detail.scroll = 0
        detail.bodyView = nil
    }

    /// The body the current tab shows: the response's on the Response tab, else the request's.
    var detailBody: (bytes: [UInt8], contentType: String?)? {
        guard let exchange = detailExchange else { return nil }
        if detail.tab == .response {
            guard let response = exchange.response else { return nil }
            return (response.body, response.headers.first(named: "Content-Type"))
        }
        return (exchange.body, exchange.headers.first(named: "Content-Type"))
    }
}

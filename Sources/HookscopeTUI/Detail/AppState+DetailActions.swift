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
            if detailBodyNotRecorded { return nothing(Self.bodyNotRecorded) }
            guard let exchange = detailExchange, let body = detailBody else { return [] }
            let which = detail.tab == .response ? "response body" : "body"
            return [.copy(bytes: body.bytes, what: "the \(which) of #\(exchange.id)")]
        case .save:
            if detailBodyNotRecorded { return nothing(Self.bodyNotRecorded) }
            guard let exchange = detailExchange, let body = detailBody else { return nothing("this tab has no body to save") }
            let response = detail.tab == .response
            let ending = Self.fileEnding(for: body.bytes, contentType: body.contentType)
            input = TextInput(purpose: .saveBody(id: exchange.id, response: response),
                              text: "hookscope-\(exchange.id)-\(response ? "response" : "body").\(ending)")
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

    /// The typed path gets the body as it is; an existing file is replaced only after a
    /// second Enter (the session asks).
    mutating func acceptSaveBody(_ field: TextInput, id: Int, response: Bool) -> [AppEffect] {
        let path = field.text.trimmingSpaces
        guard !path.isEmpty else { return [] }
        guard let exchange = exchange(id: id) else { return nothing("#\(id) is no longer stored (evicted or cleared)") }
        let bytes = response ? exchange.response?.body ?? [] : exchange.body
        let what = "the \(response ? "response body" : "body") of #\(id)"
        return [.saveBody(path: path, bytes: bytes, what: what, overwrite: field.confirmed == path, reopen: field)]
    }

    /// The default file's ending: what the body view would show it as.
    static func fileEnding(for body: [UInt8], contentType: String?) -> String {
        switch BodyFormatter.automaticView(for: body, contentType: contentType) {
        case .json: return "json"
        case .hex: return "bin"
        case .text: return "txt"
        }
    }

    static let bodyNotRecorded = "the answer's body was not recorded"

    /// The Response tab of an answer read back without its headers and body (a line saved
    /// before they were kept): the screen says "not recorded", and `w` or `y` would write
    /// an empty file or clipboard that says the answer's body was empty.
    var detailBodyNotRecorded: Bool {
        detail.tab == .response && detailExchange?.response?.contentRecorded == false
    }

    /// The body the current tab shows: the response's on the Response tab, else the
    /// request's; nil for an answer whose body was not recorded.
    var detailBody: (bytes: [UInt8], contentType: String?)? {
        guard let exchange = detailExchange else { return nil }
        if detail.tab == .response {
            guard let response = exchange.response, response.contentRecorded else { return nil }
            return (response.body, response.headers.first(named: "Content-Type"))
        }
        return (exchange.body, exchange.headers.first(named: "Content-Type"))
    }
}

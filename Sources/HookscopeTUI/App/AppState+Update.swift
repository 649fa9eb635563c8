import HookscopeCore

extension AppState {
    /// Applies one event; returns the effects the runner must carry out. Pure: no I/O,
    /// no clock, no terminal.
    public mutating func update(_ event: AppEvent) -> [AppEffect] {
        var effects: [AppEffect] = []
        switch event {
        case .key(let key):
            effects = handle(key)
        case .mouse(let mouse):
            handle(mouse)
        case .resized(let newSize):
            size = newSize
        case .storeChanged(let snapshot):
            replaceSnapshot(snapshot)
        case .tick(let time):
            now = time
            rate.record(at: time, captured: snapshot.statistics.captured)
        case .headerChanged(let info):
            takeHeader(info)
        case .rulesChanged(let newRules):
            rules = newRules
        case .pendingChanged(let waiting):
            pending = Dictionary(waiting.map { ($0.id, $0.deadline) }, uniquingKeysWith: { first, _ in first })
        case .effectFinished(let result):
            message = result
        case .reopenInput(let field, let why):
            input = field
            message = why
        case .editSaved(let edited, let id, let target):
            effects = replayEdited(edited, originalID: id, target: target)
        }
        clampScrolling()
        return effects
    }

    private mutating func handle(_ key: Key) -> [AppEffect] {
        switch overlay {
        case .confirmation: return handleConfirmation(key)
        case .picker: return handlePicker(key)
        case .input: return handleInput(key)
        case .none: break
        }
        guard let action = keymap.action(for: key, in: keyContexts) else { return [] }
        message = nil
        switch action {
        case .quit: return [.quit]
        case .suspend: return [.suspend]
        case .copyPublicURL: return copyPublicURL()
        case .help:
            screenBeforeHelp = screen
            screen = .help
            helpScroll = 0
            return []
        default:
            break
        }
        switch screen {
        case .list: return handleList(action)
        case .detail: return handleDetail(action)
        case .help: handleHelp(action)
        case .rules: return handleRules(action)
        }
        return []
    }

    /// A new header; a public URL other than the last one (a tunnel restarted with a new
    /// URL) is said on the message line, with what to do.
    private mutating func takeHeader(_ info: HeaderInfo) {
        if let url = info.publicURL {
            if let last = lastPublicURL, last != url {
                message = StatusMessage(PublicURLNotice.line(url, previous: last) + " (U copies it)", isError: true)
            }
            lastPublicURL = url
        }
        header = info
    }

    /// `U`: the URL senders use, once there is one; otherwise why not.
    private mutating func copyPublicURL() -> [AppEffect] {
        guard let url = header.publicURL else {
            message = StatusMessage(header.tunnelNotice.map { "no public URL yet (? shows why in full; \($0))" } ?? "no public URL: start with --tunnel or --public-url", isError: true)
            return []
        }
        return [.copy(bytes: Array(url.utf8), what: "the public URL \(url)")]
    }

    private mutating func handleHelp(_ action: AppAction) {
        switch action {
        case .back: screen = screenBeforeHelp
        case .moveDown: helpScroll += 1
        case .moveUp: helpScroll -= 1
        case .pageDown: helpScroll += layout.bodyHeight
        case .pageUp: helpScroll -= layout.bodyHeight
        default: break
        }
    }

    private mutating func handleInput(_ key: Key) -> [AppEffect] {
        guard var field = input else { return [] }
        let action = keymap.action(for: key, in: [.input])
        switch (action, key) {
        case (.accept?, _):
            input = nil
            if case .rule = field.purpose { return addRule(field.text) }
            if case .replayTarget(let intent) = field.purpose { return acceptReplayTarget(field, then: intent) }
            if case .export(let ids, let format) = field.purpose { return acceptExport(field, ids: ids, format: format) }
            if case .saveBody(let id, let response) = field.purpose { return acceptSaveBody(field, id: id, response: response) }
            if field.purpose == .savePath {
                let path = field.text.trimmingSpaces
                guard !path.isEmpty else { return [] }
                return [.save(path: path, exchanges: list)]
            }
            return []
        case (.cancel?, _):
            input = nil
            if field.purpose == .filter { setFilter("") }
            return []
        case (.deleteBackward?, _):
            if !field.text.isEmpty { field.text.removeLast() }
        case (.clearInput?, _):
            field.text = ""
        case (.nextFormat?, _):
            guard case .export(let ids, let format) = field.purpose else { return [] }
            let next = format.next
            field.purpose = .export(ids: ids, format: next)
            field.text = next.applied(to: field.text)
        case (nil, .character(let character)):
            field.text.append(character)
        default:
            return escapeKeyEffects(key)
        }
        input = field
        if field.purpose == .filter { setFilter(field.text) }
        return []
    }

    /// Keys that work even while a prompt, the picker or the replay question has the
    /// keyboard: Ctrl-C quits, Ctrl-Z suspends.
    func escapeKeyEffects(_ key: Key) -> [AppEffect] {
        switch keymap.action(for: key, in: [.global]) {
        case .quit?: return [.quit]
        case .suspend?: return [.suspend]
        default: return []
        }
    }

    /// Narrows the list; the selection stays on the same exchange when it still matches.
    mutating func setFilter(_ text: String) {
        filterText = text
        let query = FilterQuery.parse(text)
        if query.isEmpty {
            filter = nil
        } else if filter?.query != query {
            filter = FilterIndex(query: query, snapshot: snapshot)
        }
        message = query.problems.first.map { StatusMessage($0, isError: true) }
    }

    /// Keeps every scroll position inside what there is to show.
    mutating func clampScrolling() {
        let height = layout.bodyHeight
        selectionLine = max(0, min(selectionLine, height - 1))
        selectedRule = max(0, min(selectedRule, rules.count - 1))
        if screen == .help {
            let helpRows = HelpScreen.rows(keymap: keymap, header: header, width: size.width).count
            helpScroll = max(0, min(helpScroll, helpRows - height))
        }
        refreshDetailCache()
        if screen == .detail {
            let rows = detailRows.count
            detail.scroll = max(0, min(detail.scroll, rows - height))
        }
    }
}

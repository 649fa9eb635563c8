import HookscopeCore

/// The delivery list: column titles and one row per visible exchange, newest at the
/// bottom. Touches only the rows on screen, whatever the store holds.
enum ListScreen {
    static func draw(_ state: AppState, into grid: inout CellGrid, layout: ScreenLayout) {
        let columns = ListColumns(width: grid.width)
        drawTitles(columns, unicode: state.settings.unicode, into: &grid, row: layout.headingRow)
        let list = state.list
        guard let selected = state.selectedRow else {
            drawEmpty(state, into: &grid, layout: layout)
            return
        }
        let height = layout.bodyHeight
        let top = state.listTop ?? 0
        for offset in 0..<min(height, list.count - top) {
            let row = top + offset
            let exchange = list[row]
            drawRow(exchange, columns: columns, settings: state.settings, selected: row == selected,
                    ownForwarder: state.header.ownForwarder, into: &grid, y: layout.bodyTop + offset)
            if state.marked.contains(exchange.id) {
                // Column 0 is kept free for this: marks stay visible at any width.
                grid.write(state.settings.unicode ? "●" : "*", x: 0, y: layout.bodyTop + offset,
                           style: (row == selected ? Palette.selected : .plain).adding(Palette.mark))
            }
            if let seconds = state.secondsLeft(exchange.id), exchange.response == nil {
                drawPending(seconds: seconds, columns: columns, selected: row == selected, into: &grid, y: layout.bodyTop + offset)
            }
        }
    }

    static func drawTitles(_ columns: ListColumns, unicode: Bool, into grid: inout CellGrid, row: Int) {
        grid.fill(row: row, style: Palette.columnHeader)
        let style = Palette.columnHeader
        // Every title stays in its column's span, as every value does (at 40 columns PATH
        // has 2 cells).
        grid.write("TIME", x: columns.time.x, y: row, style: style, limit: columns.time.end, ellipsis: true)
        grid.write("METHOD", x: columns.method.x, y: row, style: style, limit: columns.method.end, ellipsis: true)
        grid.write("PATH", x: columns.path.x, y: row, style: style, limit: columns.path.end, ellipsis: true)
        if let source = columns.source { grid.write("PROVIDER EVENT", x: source.x, y: row, style: style, limit: source.end, ellipsis: true) }
        grid.write(columns.wide ? "SIGNATURE" : "S", x: columns.signature.x, y: row, style: style, limit: columns.signature.end)
        grid.write("TRY", x: columns.attempt.x, y: row, style: style, limit: columns.attempt.end)
        grid.writeRightAligned("CODE", end: columns.status.end, y: row, style: style, start: columns.status.x)
        grid.writeRightAligned("SIZE", end: columns.size.end, y: row, style: style, start: columns.size.x)
        if let duration = columns.duration { grid.writeRightAligned("TOOK", end: duration.end, y: row, style: style, start: duration.x) }
    }

    static func drawRow(_ exchange: Exchange, columns: ListColumns, settings: DisplaySettings, selected: Bool,
                        ownForwarder: String? = nil, into grid: inout CellGrid, y: Int) {
        let status = exchange.response?.status
        var style = CellStyle.plain
        if let status, status >= 500 { style = Palette.serverError } else if let status, status >= 400 { style = Palette.clientError }
        if exchange.upstream?.error != nil { style = Palette.serverError }   // a failed replay has no status
        if selected {
            style = style.adding(Palette.selected)
            grid.fill(row: y, style: style)
        }
        grid.write(ClockText.time(exchange.receivedAt, utcOffsetSeconds: settings.utcOffsetSeconds, milliseconds: columns.wide),
                   x: columns.time.x, y: y, style: style)
        grid.write(exchange.method, x: columns.method.x, y: y, style: style.adding(CellStyle(bold: true)), limit: columns.method.end, ellipsis: true)
        grid.write(exchange.target, x: columns.path.x, y: y, style: style, limit: columns.path.end, ellipsis: true)
        if let source = columns.source {
            grid.write(sourceText(exchange, ownForwarder: ownForwarder), x: source.x, y: y, style: style, limit: source.end, ellipsis: true)
        }
        let verdict = exchange.analysis.signature.status
        let markText = columns.wide ? verdict.label(unicode: settings.unicode) : verdict.symbol(unicode: settings.unicode)
        grid.write(markText, x: columns.signature.x, y: y, style: style.adding(SignatureMark.style(verdict)), limit: columns.signature.end)
        if let attempt = tryText(exchange, unicode: settings.unicode) {
            grid.write(attempt, x: columns.attempt.x, y: y, style: style, limit: columns.attempt.end, ellipsis: true)
        }
        let statusText: String
        if let response = exchange.response {
            statusText = response.status.map(String.init) ?? "---"
        } else {
            statusText = "..."
        }
        grid.writeRightAligned(statusText, end: columns.status.end, y: y, style: style, start: columns.status.x)
        grid.writeRightAligned(ByteCountText.format(exchange.bodySize), end: columns.size.end, y: y, style: style, start: columns.size.x)
        if let response = exchange.response, let word = notableSource(response.source) ?? forwardFailureWord(exchange) {
            // Answers the user did not choose by hand are named where size and time go:
            // that is what the row must say after a timeout, a hang-up or an app that
            // never answered a forward.
            let end = columns.duration?.end ?? columns.size.end
            grid.clear(from: columns.size.x, to: end, y: y, style: style)
            grid.writeRightAligned(word, end: end, y: y, style: style.adding(CellStyle(bold: true)), start: columns.size.x)
        } else if let duration = columns.duration, let response = exchange.response {
            grid.writeRightAligned(DurationText.format(milliseconds: response.durationMilliseconds), end: duration.end, y: y, style: style, start: duration.x)
        }
    }

    /// Sources worth a word in the list; the usual ones (default, rule, ...) stay quiet.
    static func notableSource(_ source: ExchangeResponse.Source) -> String? {
        switch source {
        case .intercept, .timeout, .disconnected, .unclaimed, .forwardTimeout, .shutdown, .unattended: return source.rawValue
        case .default, .rule, .sequence, .forward, .error, .relay: return nil
        }
    }

    /// An intercepted request: `wait` in the code column and the seconds before the
    /// default answer goes out by itself.
    static func drawPending(seconds: Int, columns: ListColumns, selected: Bool, into grid: inout CellGrid, y: Int) {
        let style = selected ? Palette.pending.adding(Palette.selected) : Palette.pending
        let end = columns.duration?.end ?? columns.size.end
        grid.clear(from: columns.status.x, to: end, y: y, style: selected ? Palette.selected : .plain)
        grid.writeRightAligned("wait", end: columns.status.end, y: y, style: style, start: columns.status.x)
        let text = columns.duration == nil ? "\(seconds) s" : "pending \(seconds) s"
        grid.writeRightAligned(text, end: end, y: y, style: style, start: columns.size.x)
    }

    static func drawEmpty(_ state: AppState, into grid: inout CellGrid, layout: ScreenLayout) {
        let lines: [String]
        if !state.filterText.isEmpty {
            lines = ["no deliveries match the filter", "Esc clears it"]
        } else {
            // Where senders reach it: the public URL when there is one.
            lines = ["waiting for deliveries on \(state.header.senderURL)", "try: curl -d '{\"hello\":1}' \(state.header.senderURL)/hooks"]
        }
        let top = layout.bodyTop + max(0, (layout.bodyHeight - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let x = max(0, (grid.width - TerminalWidth.of(line)) / 2)
            grid.write(line, x: x, y: top + offset, style: offset == 0 ? CellStyle() : Palette.dim, ellipsis: true)
        }
    }
}

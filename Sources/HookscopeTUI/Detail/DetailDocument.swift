import HookscopeCore

/// The lines of the detail screen's current tab, before and after wrapping. Long lines
/// wrap (never scroll sideways) on every tab and in every body view.
enum DetailDocument {
    /// The wrapped rows for the state's detail tab at its width.
    static func rows(for state: AppState) -> [StyledLine] {
        guard let exchange = state.detailExchange else {
            return [StyledLine("exchange #\(state.detail.exchangeID ?? 0) is no longer stored (evicted or cleared)", style: Palette.dim)]
        }
        let width = max(1, state.size.width)
        let indent = hangingIndent(state.detail.tab)
        return lines(for: exchange, state: state, width: width).flatMap { $0.wrapped(width: width, indent: indent) }
    }

    /// The Signature tab is label/value rows: long values wrap under the value column.
    static func hangingIndent(_ tab: DetailState.Tab) -> Int {
        tab == .signature ? 11 : (tab == .attempts ? 10 : 0)
    }

    static func lines(for exchange: Exchange, state: AppState, width: Int) -> [StyledLine] {
        switch state.detail.tab {
        case .request: return requestLines(exchange, state: state, width: width)
        case .signature: return SignatureExplanation.lines(exchange, settings: state.settings)
        case .response: return ResponseDocument.lines(exchange, state: state, width: width)
        case .attempts: return AttemptsDocument.lines(exchange, state: state)
        }
    }

    static func requestLines(_ exchange: Exchange, state: AppState, width: Int) -> [StyledLine] {
        var first = StyledLine(exchange.method, style: Palette.label)
        first.append(" ")
        first.append(exchange.target)
        first.append(" " + exchange.httpVersion, style: Palette.dim)
        let dot = state.settings.unicode ? " · " : " | "
        var second = StyledLine("#\(exchange.id)\(dot)", style: Palette.dim)
        second.append(origin(exchange))
        second.append("\(dot)\(ClockText.dateTime(exchange.receivedAt, utcOffsetSeconds: state.settings.utcOffsetSeconds))", style: Palette.dim)
        var lines = [first, second]
        if let relay = exchange.relay {
            lines.append(StyledLine("source: \(relay.kind)", style: relay.bodyIsExact ? Palette.label : Palette.sectionRule))
            lines.append(StyledLine(relay.explanation, style: Palette.dim))
        }
        lines.append(StyledLine())
        lines += headerLines(exchange.headers)
        lines.append(StyledLine())
        var sizeNote = ByteCountText.format(exchange.bodySize)
        if exchange.bodyTruncated { sizeNote += ", truncated to \(ByteCountText.format(exchange.body.count))" }
        lines += bodyLines(exchange.body, contentType: exchange.headers.first(named: "Content-Type"), sizeNote: sizeNote, state: state, width: width)
        return lines
    }

    /// Where the request came from; a replay came from hookscope itself, so what matters
    /// is which capture it repeats and where it went.
    static func origin(_ exchange: Exchange) -> StyledLine {
        guard let original = exchange.replayOf else { return StyledLine("from \(exchange.remote)", style: Palette.dim) }
        var line = StyledLine("replay of #\(original)", style: Palette.label)
        if let url = exchange.upstream?.url {
            line.append(" sent to ")
            line.append(url)
        }
        return line
    }

    static func headerLines(_ headers: [HeaderField]) -> [StyledLine] {
        if headers.isEmpty { return [StyledLine("(no headers)", style: Palette.dim)] }
        return headers.map { header in
            var line = StyledLine(header.name, style: Palette.headerName)
            line.append(": ")
            line.append(header.value)
            return line
        }
    }

    static func bodyLines(_ body: [UInt8], contentType: String?, sizeNote: String, state: AppState, width: Int) -> [StyledLine] {
        let rule = state.settings.unicode ? "──" : "--"
        guard !body.isEmpty else { return [StyledLine("\(rule) no body \(rule)", style: Palette.sectionRule)] }
        let view = state.detail.bodyView ?? BodyFormatter.automaticView(for: body, contentType: contentType)
        let (content, note) = BodyFormatter.lines(body, view: view, width: width)
        var lines = [StyledLine("\(rule) body\(state.settings.unicode ? " · " : " | ")\(sizeNote)\(state.settings.unicode ? " · " : " | ")\(view.title) (m: next view) \(rule)", style: Palette.sectionRule)]
        if let note { lines.append(StyledLine(note, style: Palette.dim)) }
        return lines + content
    }

    static func styleForStatus(_ status: Int?) -> CellStyle {
        guard let status else { return Palette.error }
        if status >= 500 { return Palette.serverError.adding(CellStyle(bold: true)) }
        if status >= 400 { return Palette.clientError.adding(CellStyle(bold: true)) }
        return CellStyle(foreground: .green, bold: true)
    }
}

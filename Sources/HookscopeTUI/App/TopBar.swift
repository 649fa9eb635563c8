/// Row 0: where hookscope listens, how it answers, the filter, and the counts. On narrow
/// terminals the name goes first and the counts shrink, so the filter stays visible.
enum TopBar {
    static func draw(_ state: AppState, into grid: inout CellGrid, row: Int) {
        grid.fill(row: row, style: Palette.topBar)
        let arrow = state.settings.unicode ? "→" : "->"
        var x = 0
        if grid.width >= 80 { x = grid.write(" hookscope ", x: x, y: row, style: Palette.topBarAccent) }
        // What needs attention keeps its place on a narrow row: the address and the answer
        // mode give way (ending in …), down to a third of the row. An attached client's
        // store URL and plan filled 80 columns, and `store: reconnecting` went unseen.
        let room = max(x + grid.width / 3, grid.width - attentionWidth(state.header))
        x = grid.write(" " + state.header.senderURL, x: x, y: row, style: Palette.topBar, limit: room, ellipsis: true)
        if let forward = state.header.forwardTarget {
            x = grid.write(" \(arrow) \(forward)", x: x, y: row, style: Palette.topBar, limit: room, ellipsis: true)
        }
        x = grid.write("  " + state.header.responseMode, x: x, y: row, style: Palette.topBar, limit: room, ellipsis: true)
        if state.header.intercept {
            // A word, not only a colour: requests are being held, the user must see it.
            x = grid.write("  ", x: x, y: row, style: Palette.topBar)
            x = grid.write(" INTERCEPT ", x: x, y: row, style: Palette.intercept)
        }
        if let tunnel = state.header.tunnelNotice {
            // Not up: said in words where the public URL would be.
            x = grid.write("  ", x: x, y: row, style: Palette.topBar)
            x = grid.write(" \(tunnel) ", x: x, y: row, style: Palette.intercept)
        }
        if let store = state.header.store {
            x = grid.write("  ", x: x, y: row, style: Palette.topBar)
            x = grid.write(" \(store) ", x: x, y: row, style: state.header.storeIsWell ? Palette.topBar : Palette.intercept, ellipsis: true)
        }
        for alert in state.header.alerts {
            x = grid.write("  ", x: x, y: row, style: Palette.topBar)
            x = grid.write(" \(alert) ", x: x, y: row, style: Palette.intercept, ellipsis: true)
        }
        if !state.marked.isEmpty {
            x = grid.write("  \(state.marked.count) marked", x: x, y: row, style: Palette.topBarAccent)
        }
        let filterWidth = state.filterText.isEmpty ? 0 : min(TerminalWidth.of(state.filterText) + 3, 30)
        let counts = countsText(state, room: grid.width - x - filterWidth - 2)
        let countsStart = max(x, grid.width - TerminalWidth.of(counts) - 1)
        if !state.filterText.isEmpty {
            x = grid.write("  /", x: x, y: row, style: Palette.topBarAccent)
            grid.write(state.filterText, x: x, y: row, style: Palette.topBar, limit: countsStart - 1, ellipsis: true)
        }
        grid.write(counts, x: countsStart, y: row, style: Palette.topBar)
    }

    /// The columns the parts that need attention take: INTERCEPT, the tunnel's state, the
    /// store's state, the alerts, each with its two spaces before.
    static func attentionWidth(_ header: HeaderInfo) -> Int {
        var parts = header.alerts
        if header.intercept { parts.append("INTERCEPT") }
        if let tunnel = header.tunnelNotice { parts.append(tunnel) }
        if let store = header.store { parts.append(store) }
        return parts.reduce(0) { $0 + TerminalWidth.of($1) + 4 }
    }

    /// The longest form of the counts that fits in `room` columns.
    static func countsText(_ state: AppState, room: Int) -> String {
        let stats = state.snapshot.statistics
        let shown = state.list.count
        let rate = state.rate.perSecond.map { "\(oneDecimal($0))/s" } ?? "-/s"
        let dot = state.settings.unicode ? " · " : " | "
        let variants = [
            "\(stats.captured) captured\(dot)\(shown) shown\(dot)\(stats.evicted) evicted\(dot)\(rate)",
            "\(stats.captured) captured\(dot)\(shown) shown\(dot)\(rate)",
            "\(shown)/\(stats.captured)\(dot)\(rate)",
            "\(shown)/\(stats.captured)",
        ]
        return variants.first { $0.count <= room } ?? variants[variants.count - 1]
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

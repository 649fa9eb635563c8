/// Row 0: where hookscope listens, how it answers, the filter, and the counts.
enum TopBar {
    static func draw(_ state: AppState, into grid: inout CellGrid, row: Int) {
        grid.fill(row: row, style: Palette.topBar)
        let arrow = state.settings.unicode ? "→" : "->"
        var x = grid.write(" hookscope ", x: 0, y: row, style: Palette.topBarAccent)
        x = grid.write(" " + state.header.url, x: x, y: row, style: Palette.topBar)
        if let forward = state.header.forwardTarget {
            x = grid.write(" \(arrow) \(forward)", x: x, y: row, style: Palette.topBar)
        }
        x = grid.write("  " + state.header.responseMode, x: x, y: row, style: Palette.topBar)
        let counts = countsText(state, room: grid.width - x - 2)
        let countsStart = grid.width - TerminalWidth.of(counts) - 1
        if !state.filterText.isEmpty {
            let label = "  filter: "
            x = grid.write(label, x: x, y: row, style: Palette.topBarAccent)
            grid.write(state.filterText, x: x, y: row, style: Palette.topBar, limit: max(x, countsStart - 1), ellipsis: true)
        }
        grid.write(counts, x: max(0, countsStart), y: row, style: Palette.topBar)
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

/// The detail screen: tabs on the heading row, then the current tab's rows from the
/// scroll position.
enum DetailScreen {
    static func draw(_ state: AppState, into grid: inout CellGrid, layout: ScreenLayout) {
        drawTabs(state, into: &grid, row: layout.headingRow)
        let rows = state.detailRows
        let start = max(0, min(state.detail.scroll, rows.count - 1))
        for offset in 0..<min(layout.bodyHeight, rows.count - start) {
            grid.write(rows[start + offset], x: 0, y: layout.bodyTop + offset)
        }
        if rows.count > layout.bodyHeight {
            let position = "\(min(rows.count, start + layout.bodyHeight))/\(rows.count)"
            grid.writeRightAligned(position, end: grid.width, y: layout.headingRow, style: Palette.dim)
        }
    }

    static func drawTabs(_ state: AppState, into grid: inout CellGrid, row: Int) {
        var x = 0
        for tab in DetailState.Tab.allCases {
            let active = tab == state.detail.tab
            let title = grid.width >= 80 ? tab.title : tab.shortTitle
            x = grid.write(" \(tab.rawValue + 1) \(title) ", x: x, y: row, style: active ? Palette.tabActive : Palette.tabInactive)
            x += 1
        }
        if let exchange = state.detailExchange {
            x = grid.write(" #\(exchange.id) ", x: x + 1, y: row, style: Palette.dim)
            let mark = exchange.analysis.signature.status.symbol(unicode: state.settings.unicode)
            grid.write(mark, x: x, y: row, style: SignatureMark.style(exchange.analysis.signature.status))
        }
    }
}

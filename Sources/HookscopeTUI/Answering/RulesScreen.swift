/// The response rules in order, each with its on/off mark; the heading says how they
/// apply, so nobody has to guess which of two matching rules answers.
enum RulesScreen {
    static func draw(_ state: AppState, into grid: inout CellGrid, layout: ScreenLayout) {
        grid.write("Rules: checked in order, first match wins; then \(state.header.responseMode)", x: 0, y: layout.headingRow,
                   style: Palette.label, ellipsis: true)
        guard !state.rules.isEmpty else {
            grid.write("no rules; a adds one, e.g.  provider=teamwork -> 500  or  POST /hooks/** -> 503x3,200", x: 0, y: layout.bodyTop,
                       style: Palette.dim, ellipsis: true)
            return
        }
        let top = max(0, state.selectedRule - layout.bodyHeight + 1)
        for (offset, index) in (top..<min(state.rules.count, top + layout.bodyHeight)).enumerated() {
            let rule = state.rules[index]
            let selected = index == state.selectedRule
            let mark = rule.enabled ? "[on] " : "[off]"
            let style = selected ? Palette.selected : (rule.enabled ? CellStyle.plain : Palette.dim)
            let y = layout.bodyTop + offset
            if selected { grid.fill(row: y, style: style) }
            grid.write(" \(index + 1)".padding(to: 4) + mark + " " + rule.summary, x: 0, y: y, style: style, ellipsis: true)
        }
    }
}

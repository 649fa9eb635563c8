/// The status picker in place of the screen's body: what the answer is for on the
/// heading row, the choices in as many columns as the height needs, and what is typed on
/// the message line (see `Footer`).
enum PickerScreen {
    static func draw(_ picker: AnswerPicker, state: AppState, into grid: inout CellGrid, layout: ScreenLayout) {
        var x = grid.write(picker.purpose.title, x: 0, y: layout.headingRow, style: Palette.label)
        grid.write(" (now: \(state.header.responseMode))", x: x, y: layout.headingRow, style: Palette.dim, ellipsis: true)
        let choices = picker.choices
        // The last body row says how to type an answer; the choices fill the rows above.
        let rows = max(1, layout.bodyHeight - 1)
        let columns = (choices.count + rows - 1) / rows
        let columnWidth = max(10, grid.width / max(1, columns))
        for (index, choice) in choices.enumerated() {
            let column = index / rows, row = index % rows
            let selected = index == picker.selected && picker.typed.isEmpty
            x = column * columnWidth
            let marker = selected ? (state.settings.unicode ? "▸ " : "> ") : "  "
            let style = selected ? Palette.selected : CellStyle.plain
            grid.write(marker + choice.label, x: x, y: layout.bodyTop + row, style: style, limit: x + columnWidth - 1, ellipsis: true)
        }
        grid.write("or type: 503  500x3,200  429/retry-after=30  200/delay=2000", x: 0, y: layout.bodyTop + rows,
                   style: Palette.dim, ellipsis: true)
    }
}

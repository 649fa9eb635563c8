/// The last two rows: the message line (or the text being typed) and the key hints,
/// generated from the key table for the live contexts.
enum Footer {
    static func draw(_ state: AppState, into grid: inout CellGrid, layout: ScreenLayout) {
        drawMessage(state, into: &grid, row: layout.messageRow)
        drawHints(state, into: &grid, row: layout.hintsRow)
    }

    static func drawMessage(_ state: AppState, into grid: inout CellGrid, row: Int) {
        // A text field (filter, prompt, picker): what is typed, the cursor, then the message
        // (a rule or answer that could not be read says why without closing the field).
        let field: (prompt: String, text: String)?
        switch state.overlay {
        case .picker(let picker): field = ("answer: ", picker.typed)
        case .input(let input): field = (input.prompt, input.text)
        case .confirmation, .none: field = nil
        }
        if let field {
            var x = grid.write(field.prompt, x: 0, y: row, style: Palette.hintKey)
            // A long path or URL shows its end, where the typing happens (and where the
            // file ending chooses the export format).
            let room = max(1, grid.width - 1 - x)
            var text = Substring(field.text)
            if TerminalWidth.of(field.text) > room {
                while TerminalWidth.of(String(text)) > room - 1, !text.isEmpty { text = text.dropFirst() }
                x = grid.write("…", x: x, y: row, style: Palette.dim)
            }
            x = grid.write(String(text), x: x, y: row, style: Palette.input, limit: grid.width - 1)
            grid.write(" ", x: x, y: row, style: Palette.selected)   // the cursor
            if let message = state.message, x + 3 < grid.width {
                grid.write(message.text, x: x + 3, y: row, style: message.isError ? Palette.error : Palette.message, ellipsis: true)
            }
            return
        }
        if let message = state.message {
            grid.write(message.text, x: 0, y: row, style: message.isError ? Palette.error : Palette.message, ellipsis: true)
        }
    }

    /// The screen's own keys from the left, the keys that work everywhere (help, quit)
    /// from the right, so the way out is visible at any width.
    static func drawHints(_ state: AppState, into grid: inout CellGrid, row: Int) {
        let contexts = state.keyContexts
        let global = contexts.contains(.global) ? state.keymap.hints(in: [.global]) : []
        let local = state.keymap.hints(in: contexts.filter { $0 != .global })
        let rightText = global.map { "\($0.keys) \($0.hint)" }.joined(separator: "  ")
        let rightStart = grid.width - rightText.count
        var x = 0
        for (index, hint) in local.enumerated() {
            let width = hint.keys.count + 1 + hint.hint.count + (index > 0 ? 2 : 0)
            guard x + width <= rightStart - 2 else { break }
            if index > 0 { x = grid.write("  ", x: x, y: row) }
            x = grid.write(hint.keys, x: x, y: row, style: Palette.hintKey)
            x = grid.write(" " + hint.hint, x: x, y: row, style: Palette.hintText)
        }
        x = max(0, rightStart)
        for (index, hint) in global.enumerated() {
            if index > 0 { x = grid.write("  ", x: x, y: row) }
            x = grid.write(hint.keys, x: x, y: row, style: Palette.hintKey)
            x = grid.write(" " + hint.hint, x: x, y: row, style: Palette.hintText)
        }
    }
}

import HookscopeCore

/// Writing text into the grid. Every path goes through `TerminalSafeText`, so no control
/// character, bidi override or invalid byte can reach a terminal from here; escapes are
/// drawn in `escapeStyle` so they stand out from the text around them.
extension CellGrid {
    /// Writes `text` from column `x`, stopping at `limit` (exclusive, default the row end);
    /// with `ellipsis`, text that does not fit ends in `…`. Returns the column after it.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, style: CellStyle = .plain,
        escapeStyle: CellStyle = Palette.escape, limit: Int? = nil, ellipsis: Bool = false
    ) -> Int {
        var cursor = GridCursor(x: x, limit: min(width, limit ?? width), y: y, ellipsis: ellipsis)
        if text.isPrintableASCII {
            for scalar in text.unicodeScalars where !cursor.put(String(scalar), columns: 1, style: style, into: &self) { break }
            return cursor.x
        }
        for piece in TerminalSafeText.pieces(of: text) {
            guard cursor.write(piece, style: style, escapeStyle: escapeStyle, into: &self) else { break }
        }
        return cursor.x
    }

    /// Writes raw bytes (a body line) decoded as UTF-8, invalid bytes shown as `\xff`.
    @discardableResult
    public mutating func write<C: Collection>(
        bytes: C, x: Int, y: Int, style: CellStyle = .plain,
        escapeStyle: CellStyle = Palette.escape, limit: Int? = nil, ellipsis: Bool = false
    ) -> Int where C.Element == UInt8 {
        var cursor = GridCursor(x: x, limit: min(width, limit ?? width), y: y, ellipsis: ellipsis)
        for piece in TerminalSafeText.pieces(of: bytes) {
            guard cursor.write(piece, style: style, escapeStyle: escapeStyle, into: &self) else { break }
        }
        return cursor.x
    }

    /// Writes a styled line (already sanitized into glyphs) from column `x`.
    @discardableResult
    public mutating func write(_ line: StyledLine, x: Int, y: Int, limit: Int? = nil) -> Int {
        var cursor = GridCursor(x: x, limit: min(width, limit ?? width), y: y, ellipsis: false)
        for glyph in line.glyphs where !cursor.put(glyph.text, columns: glyph.columns, style: glyph.style, into: &self) {
            break
        }
        return cursor.x
    }

    /// Writes text right-aligned so that it ends just before column `end`, never left of
    /// `start` (a column's own first cell): text wider than that ends in `…` rather than
    /// running into the column before.
    @discardableResult
    public mutating func writeRightAligned(_ text: String, end: Int, y: Int, style: CellStyle = .plain, start: Int = 0) -> Int {
        let x = end - TerminalWidth.of(TerminalSafeText.string(text))
        return write(text, x: max(0, start, x), y: y, style: style, limit: end, ellipsis: x < start)
    }
}

/// Where the next glyph goes on one row, and what happens when the row runs out.
struct GridCursor {
    var x: Int
    let limit: Int
    let y: Int
    let ellipsis: Bool

    /// Returns false once nothing more fits.
    mutating func put(_ text: String, columns: Int, style: CellStyle, into grid: inout CellGrid) -> Bool {
        if columns == 0 {
            if let scalar = text.unicodeScalars.first { grid.combine(scalar, before: x, y: y) }
            return true
        }
        guard x + columns <= limit else {
            if ellipsis, limit > 0 {
                grid.place("…", columns: 1, x: limit - 1, y: y, style: style)
            }
            x = limit
            return false
        }
        grid.place(text, columns: columns, x: x, y: y, style: style)
        x += columns
        return true
    }

    mutating func write(_ piece: TerminalSafeText.Piece, style: CellStyle, escapeStyle: CellStyle, into grid: inout CellGrid) -> Bool {
        switch piece {
        case .text(let text):
            for scalar in text.unicodeScalars {
                guard put(String(scalar), columns: TerminalWidth.of(scalar), style: style, into: &grid) else { return false }
            }
        case .escape(let escape):
            for scalar in escape.unicodeScalars {
                guard put(String(scalar), columns: 1, style: style.adding(escapeStyle), into: &grid) else { return false }
            }
        }
        return true
    }
}

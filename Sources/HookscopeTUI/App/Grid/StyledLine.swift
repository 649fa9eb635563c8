import HookscopeCore

/// One printable unit with its width and style: what a line is made of once sanitized.
public struct Glyph: Sendable, Equatable {
    public var text: String
    public var columns: Int
    public var style: CellStyle
}

/// A line of styled text, sanitized on the way in, that can be measured and wrapped
/// before it is drawn (the detail view's documents are lists of these).
public struct StyledLine: Sendable, Equatable {
    public private(set) var glyphs: [Glyph] = []
    public private(set) var columns = 0

    public init() {}

    public init(_ text: String, style: CellStyle = .plain) {
        append(text, style: style)
    }

    /// Appends text; anything unsafe becomes a visible escape in `escapeStyle`.
    public mutating func append(_ text: String, style: CellStyle = .plain, escapeStyle: CellStyle = Palette.escape) {
        if text.isPrintableASCII {
            for scalar in text.unicodeScalars { add(String(scalar), 1, style) }
            return
        }
        append(pieces: TerminalSafeText.pieces(of: text), style: style, escapeStyle: escapeStyle)
    }

    /// Appends raw bytes decoded as UTF-8, invalid bytes escaped.
    public mutating func append<C: Collection>(bytes: C, style: CellStyle = .plain, escapeStyle: CellStyle = Palette.escape) where C.Element == UInt8 {
        append(pieces: TerminalSafeText.pieces(of: bytes), style: style, escapeStyle: escapeStyle)
    }

    public mutating func append(_ other: StyledLine) {
        glyphs.append(contentsOf: other.glyphs)
        columns += other.columns
    }

    /// Pads with spaces to `width` columns.
    public mutating func pad(to width: Int, style: CellStyle = .plain) {
        while columns < width { add(" ", 1, style) }
    }

    /// The line cut into rows of at most `width` columns (at least one row, even if
    /// empty), breaking after the row's last space when the word it carries over is short
    /// (prose, help), else mid-word (long tokens, hex, base64).
    public func wrapped(width: Int) -> [StyledLine] {
        guard width > 0, columns > width else { return [self] }
        var rows: [StyledLine] = []
        var row = StyledLine()
        for glyph in glyphs {
            if row.columns + glyph.columns > width, glyph.columns > 0 {
                var carried = StyledLine()
                if glyph.text != " ", let space = row.glyphs.lastIndex(where: { $0.text == " " }), space > 0,
                   row.glyphs[..<space].contains(where: { $0.text != " " }),
                   row.glyphs.count - space - 1 <= width / 2 {
                    for moved in row.glyphs[(space + 1)...] { carried.add(moved.text, moved.columns, moved.style) }
                    row.glyphs.removeSubrange((space + 1)...)
                    row.columns -= carried.columns
                }
                rows.append(row)
                row = carried
            }
            if glyph.text == " ", row.columns == 0, !rows.isEmpty { continue }   // no space at a row start
            row.add(glyph.text, glyph.columns, glyph.style)
        }
        rows.append(row)
        return rows
    }

    /// Wrapped with continuation rows indented by `indent` columns (help, key/value lists).
    public func wrapped(width: Int, indent: Int) -> [StyledLine] {
        guard indent > 0, indent < width - 10 else { return wrapped(width: width) }
        let rows = wrapped(width: width)
        guard rows.count > 1 else { return rows }
        var rest = StyledLine()
        for row in rows.dropFirst() { rest.append(row) }
        let padding = StyledLine(String(repeating: " ", count: indent))
        return [rows[0]] + rest.wrapped(width: width - indent).map { row in
            var line = padding
            line.append(row)
            return line
        }
    }

    /// Number of rows `wrapped(width:)` produces.
    public func rowCount(width: Int) -> Int {
        guard width > 0, columns > width else { return 1 }
        return wrapped(width: width).count
    }

    /// The plain text (for tests and the clipboard).
    public var text: String { glyphs.map(\.text).joined() }

    private mutating func append(pieces: [TerminalSafeText.Piece], style: CellStyle, escapeStyle: CellStyle) {
        for piece in pieces {
            switch piece {
            case .text(let text):
                for scalar in text.unicodeScalars { add(String(scalar), TerminalWidth.of(scalar), style) }
            case .escape(let escape):
                let escaped = style.adding(escapeStyle)
                for scalar in escape.unicodeScalars { add(String(scalar), 1, escaped) }
            }
        }
    }

    private mutating func add(_ text: String, _ width: Int, _ style: CellStyle) {
        glyphs.append(Glyph(text: text, columns: width, style: style))
        columns += width
    }
}

extension String {
    /// Printable ASCII only: safe as it is, one column per byte (the common fast path).
    var isPrintableASCII: Bool {
        utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}

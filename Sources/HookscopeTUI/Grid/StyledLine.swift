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

    /// The line cut into rows of at most `width` columns (at least one row, even if empty).
    public func wrapped(width: Int) -> [StyledLine] {
        guard width > 0, columns > width else { return [self] }
        var rows: [StyledLine] = []
        var row = StyledLine()
        for glyph in glyphs {
            if row.columns + glyph.columns > width, glyph.columns > 0 {
                rows.append(row)
                row = StyledLine()
            }
            row.glyphs.append(glyph)
            row.columns += glyph.columns
        }
        rows.append(row)
        return rows
    }

    /// Number of rows `wrapped(width:)` would produce, without building them.
    public func rowCount(width: Int) -> Int {
        guard width > 0, columns > width else { return 1 }
        var rows = 1
        var used = 0
        for glyph in glyphs {
            if used + glyph.columns > width, glyph.columns > 0 {
                rows += 1
                used = 0
            }
            used += glyph.columns
        }
        return rows
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

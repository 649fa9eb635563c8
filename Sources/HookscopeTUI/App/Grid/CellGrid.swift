/// One character cell. A wide character fills its first cell; the cell after it is a
/// continuation with empty `text` that terminals skip.
public struct Cell: Sendable, Equatable {
    /// One printable scalar, plus any zero-width marks that combine with it; "" for the
    /// right half of a wide character.
    public var text: String
    public var style: CellStyle

    public init(text: String = " ", style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { text.isEmpty }
}

/// A screen's worth of styled cells: what `render` produces, what a `Terminal` shows and
/// what screen tests compare as text. Only sanitized text gets in (see `CellGrid+Text`).
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// The text of each row, right-trimmed: what screen tests compare.
    public var lines: [String] {
        (0..<height).map(line)
    }

    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width {
            text += cells[y * width + x].text
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Fills a row with blanks of one style.
    public mutating func fill(row y: Int, style: CellStyle) {
        guard y >= 0, y < height else { return }
        for x in 0..<width { cells[y * width + x] = Cell(text: " ", style: style) }
    }

    /// Blanks the cells from `x` up to (not including) `end` on one row.
    public mutating func clear(from x: Int, to end: Int, y: Int, style: CellStyle) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<max(max(0, x), min(end, width)) { place(" ", columns: 1, x: column, y: y, style: style) }
    }

    /// Places one printable unit of `columns` (1 or 2) cells, repairing any wide
    /// character it cuts in half so no half-character is ever left behind.
    mutating func place(_ text: String, columns: Int, x: Int, y: Int, style: CellStyle) {
        guard y >= 0, y < height, x >= 0, x + columns <= width else { return }
        let base = y * width
        if cells[base + x].isContinuation, x > 0 {
            cells[base + x - 1] = Cell(text: " ", style: cells[base + x - 1].style)
        }
        let end = x + columns
        if end < width, cells[base + end].isContinuation {
            cells[base + end] = Cell(text: " ", style: cells[base + end].style)
        }
        cells[base + x] = Cell(text: text, style: style)
        if columns == 2 { cells[base + x + 1] = Cell(text: "", style: style) }
    }

    /// Appends a zero-width mark to the cell before `x` (combining accents).
    mutating func combine(_ scalar: Unicode.Scalar, before x: Int, y: Int) {
        guard y >= 0, y < height, x > 0, x <= width else { return }
        var target = y * width + x - 1
        if cells[target].isContinuation, x > 1 { target -= 1 }
        cells[target].text.unicodeScalars.append(scalar)
    }
}

/// The eight standard terminal colours, numbered as curses numbers them.
public enum TerminalColor: Int16, Sendable, Hashable, CaseIterable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How one cell looks: colours are hints a terminal may drop (NO_COLOR, no colour
/// support); attributes carry the meaning that must survive without colour.
public struct CellStyle: Sendable, Hashable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(
        foreground: TerminalColor? = nil, background: TerminalColor? = nil,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = CellStyle()

    /// This style with another one's colours and attributes laid over it (a selected row
    /// keeps each column's colour and adds reverse video).
    public func adding(_ other: CellStyle) -> CellStyle {
        CellStyle(
            foreground: other.foreground ?? foreground, background: other.background ?? background,
            bold: bold || other.bold, dim: dim || other.dim,
            reverse: reverse || other.reverse, underline: underline || other.underline
        )
    }
}

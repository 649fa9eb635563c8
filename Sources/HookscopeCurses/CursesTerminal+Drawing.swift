import CNCursesW
import HookscopeTUI

struct ColorPairKey: Hashable {
    var foreground: Int16
    var background: Int16
}

extension CursesTerminal {
    public func draw(_ grid: CellGrid) {
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { werase(window) }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                put(cell, x: x, y: y)
            }
        }
        previous = grid
        wnoutrefresh(window)
        doupdate()
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var text = cell.text
        if text.isEmpty {
            // The right half of a wide character: curses drew it with its left half.
            guard !unicode else { return }
            text = " "
        }
        if !unicode { text = Self.asciiStandIn(for: text) }
        var characters: [wchar_t] = text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var styled = cchar_t()
        let (attributes, pair) = attributesAndPair(for: cell.style)
        setcchar(&styled, characters, attributes, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &styled)
    }

    private func attributesAndPair(for style: CellStyle) -> (attr_t, Int16) {
        var attributes = hs_attr_normal()
        if style.bold { attributes |= hs_attr_bold() }
        if style.dim { attributes |= hs_attr_dim() }
        if style.reverse { attributes |= hs_attr_reverse() }
        if style.underline { attributes |= hs_attr_underline() }
        guard colors, style.foreground != nil || style.background != nil else { return (attributes, 0) }
        let key = ColorPairKey(foreground: style.foreground?.rawValue ?? -1, background: style.background?.rawValue ?? -1)
        if let pair = colorPairs[key] { return (attributes, pair) }
        let pair = Int16(colorPairs.count + 1)
        guard Int32(pair) < hs_color_pairs() else { return (attributes, 0) }
        init_pair(pair, key.foreground, key.background)
        colorPairs[key] = pair
        return (attributes, pair)
    }

    /// What a non-UTF-8 locale gets instead of the few non-ASCII characters the UI draws
    /// itself; anything else non-ASCII (from the network) becomes `?`.
    static func asciiStandIn(for text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        switch text {
        case "…": return "~"
        case "│": return "|"
        case "─": return "-"
        case "→": return ">"
        case "·": return "."
        default: return "?"
        }
    }
}

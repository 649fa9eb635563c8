/// Shown instead of everything else when the terminal is below the minimum size.
enum TooSmallScreen {
    static func draw(into grid: inout CellGrid) {
        let lines = [
            "terminal too small",
            "\(grid.width)x\(grid.height), need \(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight)",
        ]
        let top = max(0, (grid.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < grid.height {
            let x = max(0, (grid.width - line.count) / 2)
            grid.write(line, x: x, y: top + offset, style: offset == 0 ? Palette.error : Palette.dim)
        }
    }
}

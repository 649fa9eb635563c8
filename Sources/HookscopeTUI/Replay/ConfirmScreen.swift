/// The question before a replay of stale signatures, in place of the screen's body: what
/// is wrong, what each key does, and why re-signing is not possible where it is not.
enum ConfirmScreen {
    static func draw(_ question: ReplayConfirmation, state: AppState, into grid: inout CellGrid, layout: ScreenLayout) {
        let count = question.order.ids.count
        let what = count == 1 ? "#\(question.order.ids[0])" : "\(count) exchanges"
        grid.write("Replay \(what) to \(question.order.targets.joined(separator: ", "))?", x: 0, y: layout.headingRow, style: Palette.label, ellipsis: true)
        // The keys first: with many stale rows the warnings are what gets cut, not the way out.
        var lines: [StyledLine] = [keyLine("Enter", "send as captured: the receiver sees exactly the original bytes")]
        if question.resignable.isEmpty {
            lines.append(StyledLine("  s    (not possible) " + (question.resignProblems.first ?? "no provider secret"), style: Palette.dim))
        } else {
            let which = question.resignable.count == count ? "" : " (\(question.resignable.count) of \(count))"
            lines.append(keyLine("s", "re-sign\(which) with the provider's secret: fresh signature and timestamp, same body"))
            for problem in question.resignProblems { lines.append(StyledLine("       " + problem, style: Palette.dim)) }
        }
        lines.append(keyLine("Esc", "do not replay"))
        lines.append(StyledLine())
        lines += question.warnings.map { StyledLine("! " + $0, style: Palette.clientError) }
        let width = max(1, grid.width)
        let rows = lines.flatMap { $0.wrapped(width: width, indent: 2) }
        for (offset, line) in rows.prefix(layout.bodyHeight).enumerated() {
            grid.write(line, x: 0, y: layout.bodyTop + offset)
        }
    }

    private static func keyLine(_ key: String, _ text: String) -> StyledLine {
        var line = StyledLine("  ")
        line.append(key + String(repeating: " ", count: max(1, 5 - key.count)), style: Palette.hintKey)
        line.append(text)
        return line
    }
}

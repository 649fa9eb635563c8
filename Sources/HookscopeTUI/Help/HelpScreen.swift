/// The help screen, generated from the key table (so it always says what the keys do),
/// followed by the filter syntax.
enum HelpScreen {
    static let contextOrder: [KeyContext] = [.list, .detail, .rules, .picker, .confirm, .input, .help, .global]

    /// The help rows at a width: long explanations wrap under their own column.
    static func rows(keymap: Keymap, header: HeaderInfo? = nil, width: Int) -> [StyledLine] {
        lines(keymap: keymap, header: header).flatMap { $0.wrapped(width: width, indent: 20) }
    }

    static func lines(keymap: Keymap, header: HeaderInfo? = nil) -> [StyledLine] {
        var lines: [StyledLine] = []
        // The top bar shows the public URL when there is one; the local address lives here.
        if let header, header.publicURL != nil {
            var line = StyledLine("Listening on ", style: Palette.sectionRule)
            line.append(header.url)
            lines.append(line)
            lines.append(StyledLine())
        }
        // The top bar cuts a long tunnel state (the install hint's URL); here it wraps.
        if let notice = header?.tunnelNotice {
            var line = StyledLine("Tunnel ", style: Palette.sectionRule)
            line.append(notice)
            lines.append(line)
            lines.append(StyledLine())
        }
        for context in contextOrder {
            let bindings = keymap.bindings(in: context)
            guard !bindings.isEmpty else { continue }
            if !lines.isEmpty { lines.append(StyledLine()) }
            lines.append(StyledLine(context.title, style: Palette.sectionRule))
            for binding in bindings {
                var line = StyledLine("  " + binding.keyLabel.padding(to: 18), style: Palette.hintKey)
                line.append(binding.help)
                lines.append(line)
            }
        }
        lines.append(StyledLine())
        lines.append(StyledLine("Filter syntax (terms combine; all must match)", style: Palette.sectionRule))
        for (example, meaning) in [
            ("word", "path, header names and values, or body contains it"),
            ("method:POST", "request method"),
            ("status:5xx", "answer status: 404, 4xx, 400-499, none"),
            ("provider:teamwork", "detected provider (* and ? wildcards)"),
            ("event:deals.*", "event name (* and ? wildcards)"),
            ("sig:invalid", "valid invalid expired malformed no_secret unsigned"),
            ("is:replay", "replay; forwarded (went to your app); error (your app gave no answer)"),
            ("-term", "negates a term; \"two words\" searches a phrase"),
        ] {
            var line = StyledLine("  " + example.padding(to: 18), style: Palette.hintKey)
            line.append(meaning)
            lines.append(line)
        }
        lines.append(StyledLine())
        var mouse = StyledLine("Mouse", style: Palette.sectionRule)
        mouse.append(": the wheel scrolls, a click selects a delivery")
        lines.append(mouse)
        return lines
    }

    static func draw(_ state: AppState, into grid: inout CellGrid, layout: ScreenLayout) {
        grid.write("Keys", x: 0, y: layout.headingRow, style: Palette.label)
        grid.write(" (from the key table)", x: 4, y: layout.headingRow, style: Palette.dim)
        let lines = rows(keymap: state.keymap, header: state.header, width: grid.width)
        let start = max(0, min(state.helpScroll, lines.count - 1))
        for offset in 0..<min(layout.bodyHeight, lines.count - start) {
            grid.write(lines[start + offset], x: 0, y: layout.bodyTop + offset)
        }
        if lines.count > layout.bodyHeight {
            grid.writeRightAligned("\(min(lines.count, start + layout.bodyHeight))/\(lines.count)", end: grid.width, y: layout.headingRow, style: Palette.dim)
        }
    }
}

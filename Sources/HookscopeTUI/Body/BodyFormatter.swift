import HookscopeCore

/// Turns a body into display lines for one of the views. Bodies are shown up to
/// `displayLimit` bytes so a 10 MB upload cannot stall the screen; saving (`w`) keeps all
/// of it. A longer JSON body is pretty-printed up to the limit (a bounded prefix, cut
/// mid-document, with a note that says so): formatting all of a 6 MB body would take
/// seconds and build hundreds of thousands of lines nobody scrolls through.
public enum BodyFormatter {
    public static let displayLimit = 64 * 1024

    /// The view a body opens in: hex when it is binary, pretty JSON when it parses as
    /// JSON, raw text otherwise.
    public static func automaticView(for body: [UInt8], contentType: String?) -> BodyView {
        if body.isEmpty { return .text }
        let sample = body.prefix(displayLimit)
        if looksBinary(sample) { return .hex }
        if JSONPretty.lines(of: sample, cut: body.count > displayLimit) != nil { return .json }
        return .text
    }

    /// Lines for the chosen view. Pretty JSON that does not parse falls back to raw text
    /// and says so in `note`.
    public static func lines(_ body: [UInt8], view: BodyView, width: Int) -> (lines: [StyledLine], note: String?) {
        let shown = body.prefix(displayLimit)
        let cut = body.count > displayLimit
        var note: String?
        if cut {
            note = "showing the first \(ByteCountText.format(displayLimit)) of \(ByteCountText.format(body.count)); w saves all of it"
        }
        switch view {
        case .json:
            if let lines = JSONPretty.lines(of: shown, cut: cut) {
                let prettyNote = "pretty JSON of the first \(ByteCountText.format(displayLimit)) of \(ByteCountText.format(body.count)), cut mid-document; w saves all of it"
                return (lines, cut ? prettyNote : note)
            }
            return (textLines(shown), note ?? "not JSON: shown as raw text")
        case .text:
            return (textLines(shown), note)
        case .hex:
            return (HexDump.lines(of: shown, bytesPerRow: width >= 78 ? 16 : 8), note)
        }
    }

    /// Raw text split at line feeds; every other control byte is a visible escape.
    static func textLines(_ bytes: ArraySlice<UInt8>) -> [StyledLine] {
        var lines: [StyledLine] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            var line = StyledLine()
            line.append(bytes: bytes[start..<index])
            lines.append(line)
            start = index + 1
        }
        if start < bytes.endIndex || lines.isEmpty {
            var line = StyledLine()
            line.append(bytes: bytes[start...])
            lines.append(line)
        }
        return lines
    }

    /// Binary when it is not UTF-8 or has a NUL byte. Other control characters stay text:
    /// they are shown as visible escapes, which is what someone debugging them wants.
    static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.contains(0) { return true }
        // A character cut in half by the display limit is not a sign of binary.
        for cut in 0...min(3, bytes.count) {
            if String(validating: bytes.dropLast(cut), as: UTF8.self) != nil { return false }
        }
        return true
    }
}

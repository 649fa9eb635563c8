import HookscopeCore

/// The colour of a signature verdict; the symbol and the word (colour-blind safe) come from
/// the one table in `SignatureVerdict.Status` (`label(unicode:)`), shared with the headless line.
public enum SignatureMark {
    public static func style(_ status: SignatureVerdict.Status) -> CellStyle {
        switch status {
        case .valid: return CellStyle(foreground: .green, bold: true)
        case .invalid: return CellStyle(foreground: .red, bold: true)
        case .expired: return CellStyle(foreground: .yellow, bold: true)
        case .malformed: return CellStyle(foreground: .magenta, bold: true)
        case .noSecret: return CellStyle(foreground: .cyan)
        case .unsigned: return CellStyle(dim: true)
        }
    }
}

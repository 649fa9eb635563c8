import HookscopeCore

/// How a signature verdict looks: a symbol and a word (colour-blind safe) plus a colour.
public enum SignatureMark {
    public static func symbol(_ status: SignatureVerdict.Status, unicode: Bool) -> String {
        switch status {
        case .valid: return unicode ? "✓" : "+"
        case .invalid: return unicode ? "✗" : "x"
        case .expired: return unicode ? "⏱" : "~"
        case .malformed: return "!"
        case .noSecret: return "?"
        case .unsigned: return unicode ? "·" : "-"
        }
    }

    public static func word(_ status: SignatureVerdict.Status) -> String {
        switch status {
        case .valid: return "valid"
        case .invalid: return "invalid"
        case .expired: return "expired"
        case .malformed: return "malformed"
        case .noSecret: return "no secret"
        case .unsigned: return "unsigned"
        }
    }

    /// `✓ valid`
    public static func label(_ status: SignatureVerdict.Status, unicode: Bool) -> String {
        symbol(status, unicode: unicode) + " " + word(status)
    }

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

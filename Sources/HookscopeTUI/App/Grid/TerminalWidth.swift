/// Columns a scalar takes in a terminal, as wcwidth(3) measures it: 0 for combining marks,
/// 2 for East Asian wide and emoji-presentation characters, 1 otherwise.
///
/// Pure (no locale): screen tests get the same answer as a UTF-8 terminal. The ranges are
/// the East Asian Wide/Fullwidth blocks glibc's wcwidth reports as 2.
public enum TerminalWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(v) { return 0 }   // Hangul medial vowels and final consonants
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns a whole string takes (sanitize it first: escapes are wider than what they replace).
    public static func of(_ string: String) -> Int {
        var total = 0
        for scalar in string.unicodeScalars { total += of(scalar) }
        return total
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

import Foundation

/// Quoting for POSIX shells (and bash's `$'..'` where bytes need escapes), so that a
/// generated command passes exactly these bytes as one argument.
public enum ShellQuoting {
    /// `'text'` when the bytes are printable UTF-8 without control characters other than
    /// newline and tab; `$'..'` with escapes otherwise. Never valid for a NUL byte (no shell
    /// argument can hold one): check `canQuote` first.
    public static func quote(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self), !bytes.contains(where: needsEscape) {
            return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return ansiC(bytes)
    }

    /// Whether `quote` gives plain POSIX single quotes (not bash's `$'..'`) for these bytes.
    public static func isPlain(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil && !bytes.contains(where: needsEscape)
    }

    public static func quote(_ text: String) -> String { quote(Array(text.utf8)) }

    /// Whether a shell argument can carry these bytes.
    public static func canQuote(_ bytes: [UInt8]) -> Bool { !bytes.contains(0) }

    /// bash's `$'...'`: printable ASCII as is, everything else as `\xHH`.
    public static func ansiC(_ bytes: [UInt8]) -> String {
        var out = "$'"
        for b in bytes {
            switch b {
            case UInt8(ascii: "'"): out += "\\'"
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0x20..<0x7F: out.unicodeScalars.append(UnicodeScalar(b))
            default:
                // Always two hex digits, so a following hex character is not swallowed.
                let hex = String(b, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out + "'"
    }

    /// Control bytes other than newline and tab would be invisible or act on a terminal
    /// when the command is printed.
    private static func needsEscape(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F
    }
}

/// The one sanitizer for text that came from the network, before it reaches a terminal,
/// the clipboard or a printed line.
///
/// Anything that could drive a terminal or hide text is replaced by a visible escape:
/// C0 and C1 controls, ESC, DEL, bidi overrides and isolates, zero-width and line
/// separator characters, and bytes that are not valid UTF-8 (`\xff`).
public enum TerminalSafeText {
    /// A run of text to print as is, or an escape to print styled so it stands out.
    public enum Piece: Equatable, Sendable {
        case text(String)
        case escape(String)
    }

    /// Sanitizes raw bytes, decoding UTF-8 and escaping invalid sequences byte by byte.
    public static func pieces<C: Collection>(of bytes: C) -> [Piece] where C.Element == UInt8 {
        var builder = PieceBuilder()
        let buffered = Array(bytes)
        var index = 0
        while index < buffered.count {
            let (scalar, length) = decodeScalar(buffered, at: index)
            if let scalar {
                builder.add(scalar)
            } else {
                builder.escape(hexEscape(buffered[index]))
            }
            index += length
        }
        return builder.finish()
    }

    /// Sanitizes a Swift string (already valid Unicode).
    public static func pieces(of string: String) -> [Piece] {
        var builder = PieceBuilder()
        for scalar in string.unicodeScalars { builder.add(scalar) }
        return builder.finish()
    }

    /// The sanitized text as one plain string, escapes inline.
    public static func string(_ string: String) -> String {
        if isPlainSafe(string) { return string }
        return pieces(of: string).map { piece in
            switch piece {
            case .text(let t), .escape(let t): return t
            }
        }.joined()
    }

    /// `string(string)`'s bytes, appended: plain text as it is, without a `String` between.
    public static func append(_ string: String, to bytes: inout [UInt8]) {
        if isPlainSafe(string) {
            bytes.append(contentsOf: string.utf8)
        } else {
            for piece in pieces(of: string) {
                switch piece {
                case .text(let t), .escape(let t): bytes.append(contentsOf: t.utf8)
                }
            }
        }
    }

    /// The sanitized bytes as one plain string, escapes inline.
    public static func string<C: Collection>(bytes: C) -> String where C.Element == UInt8 {
        pieces(of: bytes).map { piece in
            switch piece {
            case .text(let t), .escape(let t): return t
            }
        }.joined()
    }

    /// The escape shown for a scalar, or nil when it is safe to print.
    public static func escape(for scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x00..<0x20, 0x7F: return hexEscape(UInt8(v))
        case 0x80..<0xA0: return "\\u{\(hex(v))}"                  // C1 controls
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF:
            return "\\u{\(hex(v))}"                                 // zero-width, separators, bidi
        case 0xFFF9...0xFFFB: return "\\u{\(hex(v))}"               // interlinear annotations
        default: return nil
        }
    }

    /// Fast path: printable ASCII only.
    /// Over the contiguous bytes where the string has them (every native string): walking
    /// `utf8` index by index cost ~25 instructions a byte, on every headless line.
    static func isPlainSafe(_ string: String) -> Bool {
        let plain: (UInt8) -> Bool = { $0 >= 0x20 && $0 < 0x7F }
        return string.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(plain) } ?? string.utf8.allSatisfy(plain)
    }

    static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }

    private static func hex(_ value: UInt32) -> String {
        let s = String(value, radix: 16)
        return s.count < 4 ? String(repeating: "0", count: 4 - s.count) + s : s
    }

    /// Decodes one UTF-8 scalar at `index`; returns nil and 1 for an invalid byte.
    static func decodeScalar(_ b: [UInt8], at index: Int) -> (Unicode.Scalar?, Int) {
        let b0 = b[index]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length: Int
        let minimum: UInt32
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(b0 & 0x07)
        default: return (nil, 1)
        }
        guard index + length <= b.count else { return (nil, 1) }
        for i in 1..<length {
            let c = b[index + i]
            guard c & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(c & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }
}

/// Collects sanitized pieces, merging adjacent text.
private struct PieceBuilder {
    var pieces: [TerminalSafeText.Piece] = []
    var text = String.UnicodeScalarView()

    mutating func add(_ scalar: Unicode.Scalar) {
        if let escaped = TerminalSafeText.escape(for: scalar) {
            escape(escaped)
        } else {
            text.append(scalar)
        }
    }

    mutating func escape(_ escaped: String) {
        flush()
        pieces.append(.escape(escaped))
    }

    mutating func flush() {
        if !text.isEmpty {
            pieces.append(.text(String(text)))
            text = String.UnicodeScalarView()
        }
    }

    mutating func finish() -> [TerminalSafeText.Piece] {
        flush()
        return pieces
    }
}

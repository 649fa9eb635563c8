import Testing
@testable import HookscopeCore

@Suite struct JSONWriterTests {
    /// The escaping rule, one byte at a time, as the writer did before it copied runs.
    static func reference(_ value: String) -> [UInt8] {
        var out = Array("\"".utf8)
        for scalar in value.unicodeScalars {
            // Above ASCII, what the screen escapes (TerminalSafeText: C1, zero-width, the
            // separators, bidi) as \uXXXX (review M4; the same set since session 16 review L5).
            if !scalar.isASCII, TerminalSafeText.escape(for: scalar) != nil {
                let hex = String(scalar.value, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                continue
            }
            guard scalar.isASCII else { out += Array(String(scalar).utf8); continue }
            let byte = UInt8(scalar.value)
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x00..<0x20, 0x7F: out += Array(("\\u00" + String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)).utf8)
            default: out.append(byte)
            }
        }
        return out + Array("\"".utf8)
    }

    @Test func stringsAreEscapedExactlyAsByteByByte() {
        var rng = SplitMix64(seed: 7)
        let pieces = ["a", "plain text ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1b}", "\u{7f}", "é", "😀", "\u{301}", "\u{2028}",
                      "\u{9b}", "\u{85}", "\u{a0}", "\u{202e}", "\u{2066}", "\u{2069}", "\u{206a}", "\u{2027}"]
        for _ in 0..<2_000 {
            let value = (0..<Int.random(in: 0...20, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            var writer = JSONWriter()
            writer.string(value)
            #expect(writer.bytes == Self.reference(value), "\(value.debugDescription)")
        }
    }
}

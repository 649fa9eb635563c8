/// What the escaper writes for the bytes that are more than a backslash away from their
/// JSON form: multi-byte sequences (checked, copied, or escaped when a terminal would
/// act on them) and the escapes of ASCII controls.
extension JSONStringEscaper {
    /// The multi-byte sequences from `position` on while they start before `limit` (at
    /// least one): written to the chunk at `used`, both moved past them. False when
    /// validating and one is not UTF-8. One call per run for the word loop and the spans
    /// alike, with `multiByte` and the UTF-8 check inlined into its loop: called per
    /// sequence from two places, LLVM kept them out of line, two calls per letter (with
    /// the spans' re-reading after each run, why escaping 64 KB of CJK records went from
    /// 1 615 k to 2 359 k instructions; docs/benchmarks.md, issue 18 review M3).
    @inline(never) func multiByteRun(position: inout Int, used: inout Int, limit: Int, validatingUTF8: Bool) -> Bool {
        var from = position, to = used
        defer { (position, used) = (from, to) }
        repeat {
            guard let (read, written) = multiByte(at: from, to: chunk + to, validatingUTF8: validatingUTF8) else { return false }
            from &+= read
            to &+= written
        } while from < limit && input[from] >= 0x80
        return true
    }

    /// The multi-byte sequence (or, without validation, the byte) at `position`: copied,
    /// or written as `\uXXXX` when a terminal would take it as control. The bytes read and
    /// written, or nil when validating and it is not UTF-8.
    @inline(__always) private func multiByte(at position: Int, to out: UnsafeMutablePointer<UInt8>, validatingUTF8: Bool) -> (read: Int, written: Int)? {
        // Most letters first: a 2-byte sequence led by C3...DF (C2's hold the C1 controls)
        // or a 3-byte one led by E1...EE other than E2 (terminal controls) and ED (UTF-16
        // surrogates), with continuation bytes after it, is UTF-8 and no control: copied as
        // it is (without validation too, where the bytes go one by one to the same output).
        let lead = input[position]
        if lead &- 0xC3 <= 0xDF - 0xC3, position &+ 1 < count, input[position &+ 1] & 0xC0 == 0x80 {
            out[0] = lead
            out[1] = input[position &+ 1]
            return (2, 2)
        }
        if lead &- 0xE1 <= 0xEE - 0xE1, lead != 0xE2, lead != 0xED, position &+ 2 < count,
           input[position &+ 1] & 0xC0 == 0x80, input[position &+ 2] & 0xC0 == 0x80 {
            out[0] = lead
            out[1] = input[position &+ 1]
            out[2] = input[position &+ 2]
            return (3, 3)
        }
        let buffer = UnsafeBufferPointer(start: input, count: count)
        if let width = Self.terminalControlWidth(buffer, at: position) {
            let scalar: UInt32 = width == 2
                ? UInt32(input[position + 1])
                : UInt32(input[position] & 0x0F) << 12 | UInt32(input[position + 1] & 0x3F) << 6 | UInt32(input[position + 2] & 0x3F)
            return (width, Self.writeUnicodeEscape(scalar, to: out))
        }
        var length = 1
        if validatingUTF8 {
            var cursor = JSONCursor(buffer: buffer, position: position)
            guard cursor.utf8Sequence() else { return nil }
            length = cursor.position - position
        }
        for offset in 0..<length { out[offset] = input[position + offset] }
        return (length, length)
    }

    /// Above ASCII, the scalars a terminal takes as control or shows as nothing, the same
    /// set `TerminalSafeText` escapes on the screen: C1 controls U+0080–U+009F (U+009B is
    /// an 8-bit CSI), the zero-width spaces and marks U+200B–200F (LRM/RLM among them), the
    /// line and paragraph separators U+2028/2029, the bidi embeddings and overrides
    /// U+202A–202E, the invisible operators and isolates U+2060–2069, the byte order mark
    /// U+FEFF and the interlinear annotations U+FFF9–FFFB. Written as `\uXXXX`, the same
    /// JSON value for every parser, so a `--json` line watched in a terminal cannot drive,
    /// reorder or hide it (review M4; the zero-width ones since session 16 review L5). The
    /// width of such a sequence at `index`, or nil.
    @inline(__always) static func terminalControlWidth(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = utf8[index]
        if lead == 0xC2 {
            guard index + 1 < utf8.count else { return nil }
            return (0x80...0x9F).contains(utf8[index + 1]) ? 2 : nil
        }
        guard lead == 0xE2 || lead == 0xEF, index + 2 < utf8.count else { return nil }
        let second = utf8[index + 1], third = utf8[index + 2]
        if lead == 0xEF {
            if second == 0xBB && third == 0xBF { return 3 }
            if second == 0xBF && (0xB9...0xBB).contains(third) { return 3 }
            return nil
        }
        if second == 0x80 && ((0x8B...0x8F).contains(third) || (0xA8...0xAE).contains(third)) { return 3 }
        if second == 0x81 && (0xA0...0xA9).contains(third) { return 3 }
        return nil
    }

    /// The escape of an ASCII byte other than quote and backslash (C0 controls and DEL)
    /// at `out`; its length.
    static func writeControlEscape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let letter: UInt8
        switch byte {
        case 0x0A: letter = UInt8(ascii: "n")
        case 0x0D: letter = UInt8(ascii: "r")
        case 0x09: letter = UInt8(ascii: "t")
        default: return writeUnicodeEscape(UInt32(byte), to: out)
        }
        out[0] = UInt8(ascii: "\\")
        out[1] = letter
        return 2
    }

    /// `\uXXXX` with lower-case hex digits at `out`; its length.
    private static func writeUnicodeEscape(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\\")
        out[1] = UInt8(ascii: "u")
        for digit in 0..<4 {
            let nibble = UInt8(truncatingIfNeeded: scalar >> UInt32(12 - 4 * digit)) & 0x0F
            out[2 + digit] = nibble < 10 ? 48 + nibble : 87 + nibble
        }
        return 6
    }
}

/// The loop behind `JSONWriter.escapedString`: the content of a JSON string written from
/// raw bytes a word (eight bytes) at a time, in one pass.
///
/// One mask per word marks exactly the bytes that need attention (quote, backslash, C0
/// control, DEL, or above 0x7F); the plain bytes between two marked ones are copied with
/// one store of the (shifted) word, each escape is written in place, and the loop goes on
/// with the next marked byte of the same word. A quote or backslash only needs a backslash
/// before it: the byte itself goes out with the next piece of the word. A body of many
/// small JSON objects has a quote every few bytes; the loop before this one left its
/// eight-bytes-a-step path at every quote and took the rest of the word byte by byte.
///
/// After a plain word, runs of plain text go sixteen bytes a compare and a store (SSE2,
/// `isPlain`): most of a delivery's long strings are such runs.
///
/// The output is gathered in a small buffer on the stack and handed over when full, so
/// the loop writes through a pointer without a capacity check per byte; a word store may
/// write up to eight bytes past what is kept, which the next store overwrites.
struct JSONStringEscaper {
    /// Bytes of output gathered before they are handed over (small enough for the stack).
    static let chunkCapacity = 1024
    /// Most that one word of input writes into the chunk: eight 6-byte escapes, then the
    /// eight bytes of the store of the word's last piece.
    private static let wordRoom = 8 * 6 + 8

    private let input: UnsafePointer<UInt8>
    private let count: Int
    private let chunk: UnsafeMutablePointer<UInt8>

    /// Writes the escaped content of `utf8` (without the surrounding quotes) to `output`,
    /// in pieces. With `validatingUTF8`, stops and returns false at the first byte that is
    /// not UTF-8 (RFC 3629), after handing over part of the text: the caller drops it.
    /// Without, the bytes are taken as UTF-8 (a Swift `String`'s are).
    static func escape(_ utf8: UnsafeBufferPointer<UInt8>, validatingUTF8: Bool,
                       to output: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard let input = utf8.baseAddress, !utf8.isEmpty else { return true }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkCapacity) { chunk in
            let escaper = JSONStringEscaper(input: input, count: utf8.count, chunk: chunk.baseAddress.unsafelyUnwrapped)
            return escaper.run(validatingUTF8: validatingUTF8, output)
        }
    }

    private init(input: UnsafePointer<UInt8>, count: Int, chunk: UnsafeMutablePointer<UInt8>) {
        self.input = input
        self.count = count
        self.chunk = chunk
    }

    /// The loop. Its state is two local counters (kept in registers): `position` in the
    /// input, `used` bytes of the chunk. Whole words go in blocks that fit the chunk's room
    /// at the worst case (six bytes out per byte in), so no word checks for room; the last
    /// bytes of the input go as a word padded with zeros. Offsets stay far below `Int.max`,
    /// so the arithmetic wraps rather than checks.
    private func run(validatingUTF8: Bool, _ output: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        var position = 0
        var used = 0
        while count &- position >= 8 {
            // Words this block may take: 48 bytes out each at most; a multi-byte sequence
            // may end three bytes past the block, and a word store writes eight bytes.
            let room = (Self.chunkCapacity &- used &- 32) / 48
            guard room > 0 else {
                output(UnsafeBufferPointer(start: chunk, count: used))
                used = 0
                continue
            }
            let last = position &+ (min(room, (count &- position) / 8) &- 1) &* 8
            while position <= last {
                let word = UInt64(littleEndian: UnsafeRawPointer(input + position).loadUnaligned(as: UInt64.self))
                let (quotes, others) = Self.attentionMasks(word)
                if quotes | others == 0 {
                    Self.store(word, at: chunk + used)
                    used &+= 8
                    position &+= 8
                    // Plain text tends to go on: while it does, sixteen bytes a compare and
                    // a store, on past this block as far as the chunk has room (the loop
                    // below then ends, and the next block starts from where this stopped).
                    // Tried only after a plain word, so a body of small objects, with a
                    // quote in nearly every word, does not pay for the test.
                    if count &- position >= 16, Self.isPlain(UnsafeRawPointer(input + position)) {
                        copyPlain(position: &position, used: &used)
                    }
                    continue
                }
                guard escape(word, quotes: quotes, others: others, length: 8, limit: last &+ 8,
                             position: &position, used: &used, validatingUTF8: validatingUTF8) else { return false }
            }
        }
        while position < count {
            if used > Self.chunkCapacity - Self.wordRoom {
                output(UnsafeBufferPointer(start: chunk, count: used))
                used = 0
            }
            let length = count &- position
            var word: UInt64 = 0
            for offset in 0..<length { word |= UInt64(input[position &+ offset]) &<< (8 &* UInt64(offset)) }
            let (quotes, others) = Self.attentionMasks(word)
            let inside = (1 &<< (8 &* UInt64(length))) &- 1
            guard escape(word, quotes: quotes & inside, others: others & inside, length: length, limit: count,
                         position: &position, used: &used, validatingUTF8: validatingUTF8) else { return false }
        }
        if used > 0 { output(UnsafeBufferPointer(start: chunk, count: used)) }
        return true
    }

    /// Writes the `length` bytes of `word` (the input at `position`) with their escapes
    /// and moves past them; or, at a byte above 0x7F, only up to it and the multi-byte
    /// sequences that follow it before `limit` (text in other scripts is mostly those).
    /// False when validating and such a sequence is not UTF-8.
    @inline(__always) private func escape(_ word: UInt64, quotes: UInt64, others: UInt64, length: Int, limit: Int,
                                          position: inout Int, used: inout Int, validatingUTF8: Bool) -> Bool {
        // Bit offset in `word` of the first byte not yet written.
        var done: UInt64 = 0
        if others == 0 {
            // Only quotes and backslashes, if anything: a backslash before each, the byte
            // itself goes out with the next piece of the word.
            var quotes = quotes
            while quotes != 0 {
                let bit = UInt64(quotes.trailingZeroBitCount) & ~7
                Self.store(word &>> done, at: chunk + used)
                used &+= Int(truncatingIfNeeded: (bit &- done) &>> 3)
                chunk[used] = UInt8(ascii: "\\")
                used &+= 1
                done = bit
                quotes &= quotes &- 1
            }
        } else {
            var marked = quotes | others
            while marked != 0 {
                let bit = UInt64(marked.trailingZeroBitCount) & ~7
                Self.store(word &>> done, at: chunk + used)
                used &+= Int(truncatingIfNeeded: (bit &- done) &>> 3)
                let byte = UInt8(truncatingIfNeeded: word &>> bit)
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    chunk[used] = UInt8(ascii: "\\")
                    used &+= 1
                    done = bit
                } else if byte < 0x80 {
                    used &+= Self.writeControlEscape(byte, to: chunk + used)
                    done = bit &+ 8
                } else {
                    position &+= Int(truncatingIfNeeded: bit &>> 3)
                    repeat {
                        guard let (read, written) = multiByte(at: position, to: chunk + used, validatingUTF8: validatingUTF8) else { return false }
                        position &+= read
                        used &+= written
                    } while position < limit && input[position] >= 0x80
                    return true
                }
                marked &= marked &- 1
            }
        }
        Self.store(word &>> done, at: chunk + used)
        used &+= length &- Int(truncatingIfNeeded: done &>> 3)
        position &+= length
        return true
    }

    /// The high bit of every byte of `word` (bytes in memory order from the low end) that
    /// is a quote, a backslash, below 0x20, DEL or above 0x7F, and of no other byte. The
    /// usual zero-byte test may also mark a byte above a marked one (its borrow runs on);
    /// the loop takes every marked byte of a word, so these tests add to each byte's low
    /// seven bits, which cannot carry into the next byte.
    @inline(__always) static func attentionMask(_ word: UInt64) -> UInt64 {
        let (quotes, others) = attentionMasks(word)
        return quotes | others
    }

    /// `attentionMask` in two parts: quotes and backslashes (escaped by a backslash before
    /// them), and the rest (C0 controls, DEL and bytes above 0x7F). A byte above 0x7F whose
    /// low bits are a quote's or backslash's is in both.
    @inline(__always) static func attentionMasks(_ word: UInt64) -> (quotes: UInt64, others: UInt64) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = word & (ones &* 0x7F)
        let notControl = low &+ ones &* (0x80 - 0x20)        // high bit: low ≥ 0x20
        let notQuote = (low ^ ones &* 0x22) &+ ones &* 0x7F     // high bit: low ≠ 0x22
        let notBackslash = (low ^ ones &* 0x5C) &+ ones &* 0x7F // high bit: low ≠ 0x5C
        let delete = low &+ ones                                // high bit: low = 0x7F
        let highs = ones &* 0x80
        let others = (word | delete | ~notControl) & highs
        return (~(notQuote & notBackslash) & highs, others)
    }

    /// Copies the plain bytes at `position` (the first 16 known plain) sixteen at a time
    /// while they stay plain and the chunk has room. Out of line, so that the word loop's
    /// registers are not spent on it.
    @inline(never) private func copyPlain(position: inout Int, used: inout Int) {
        var from = position, to = used
        while count &- from >= 16 && to &+ 16 <= Self.chunkCapacity && Self.isPlain(UnsafeRawPointer(input + from)) {
            UnsafeMutableRawPointer(chunk + to).storeBytes(
                of: UnsafeRawPointer(input + from).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
            from &+= 16
            to &+= 16
        }
        position = from
        used = to
    }

    /// Whether none of the 16 bytes at `pointer` needs attention (`attentionMasks`): all
    /// in 0x20...0x7E, none a quote or backslash. SSE2 compares (`SIMD16<UInt8>` with both
    /// operands spelled out: see `JSONByteMasks`).
    @inline(__always) static func isPlain(_ pointer: UnsafeRawPointer) -> Bool {
        let bytes = pointer.loadUnaligned(as: SIMD16<UInt8>.self)
        // 0x20...0x7E moved to 0x00...0x5E; every other byte lands above.
        let shifted: SIMD16<UInt8> = bytes &- SIMD16<UInt8>(repeating: 0x20)
        let outside: SIMDMask<SIMD16<Int8>> = shifted .> SIMD16<UInt8>(repeating: 0x5E)
        let quote: SIMDMask<SIMD16<Int8>> = bytes .== SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslash: SIMDMask<SIMD16<Int8>> = bytes .== SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let marked = JSONByteMasks.lanes(outside) | JSONByteMasks.lanes(quote) | JSONByteMasks.lanes(backslash)
        let halves = unsafeBitCast(marked, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] == 0
    }

    /// Stores the eight bytes of `word` at `out` (of which the caller keeps some).
    @inline(__always) private static func store(_ word: UInt64, at out: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(out).storeBytes(of: word.littleEndian, as: UInt64.self)
    }

    /// The multi-byte sequence (or, without validation, the byte) at `position`: copied,
    /// or written as `\uXXXX` when a terminal would take it as control. The bytes read and
    /// written, or nil when validating and it is not UTF-8.
    private func multiByte(at position: Int, to out: UnsafeMutablePointer<UInt8>, validatingUTF8: Bool) -> (read: Int, written: Int)? {
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
    private static func writeControlEscape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
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

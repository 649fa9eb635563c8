/// The escaper's main loop over long text: 64 bytes a step (`JSONStringEscaper.run`).
///
/// A span's classes come from SSE2 compares as 64-bit masks, one bit a byte
/// (`JSONByteMasks+Escaping.swift`, gathered with `pmovmskb`). A plain span is copied with
/// four 16-byte stores; in any other the marked bytes are taken from the mask in order, and
/// the plain pieces between them are copied sixteen bytes a load and a store, straight from
/// the input. A body of small JSON objects, a quote every three or four bytes, pays per
/// quote and per span, where the word loop paid per quote and per eight bytes (~50
/// instructions a word). The first byte above 0x7F ends what a span's mask takes: from
/// there the multi-byte sequences go as in the word loop, to the span's end, and the next
/// span starts after them.
extension JSONStringEscaper {
    /// Input a span needs in front of it: its 64 bytes, and a piece's 16-byte load that
    /// may start at its last byte (or just past it, after an escape there).
    static let spanReach = 80
    /// Most that one span writes into the chunk: six bytes out per byte in (an escape),
    /// a multi-byte run that ends up to three bytes past the span, and a piece's 16-byte
    /// store past what is kept.
    static let spanRoom = 64 * 6 + 3 * 3 + 16

    /// Escapes the spans from `position` while `spanReach` bytes are left, handing the
    /// chunk over when a span might not fit. False when validating and a sequence is not
    /// UTF-8. Out of line: the short strings of a line (headers) do not come here.
    @inline(never) func runSpans(position: inout Int, used: inout Int, validatingUTF8: Bool,
                                 _ output: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        var from = position, to = used
        defer { (position, used) = (from, to) }
        // Plain text tends to go on: after a plain span the next is tested whole first
        // (one test); after one with escapes its masks are taken at once.
        var afterPlain = true
        while count &- from >= Self.spanReach {
            // The chunk is handed over before the loads, never while vectors are held
            // across the call (they would go to the stack and back on every span).
            if to > Self.chunkCapacity &- 64 {
                output(UnsafeBufferPointer(start: chunk, count: to))
                to = 0
            }
            if afterPlain {
                copyPlain(from: &from, to: &to)
                // Stopped by a span that is not plain, or by the end or the chunk's.
                guard count &- from >= Self.spanReach else { break }
                if to > Self.chunkCapacity &- 64 { continue }
            }
            let span = UnsafeRawPointer(input + from)
            let v0 = span.loadUnaligned(as: SIMD16<UInt8>.self)
            let v1 = (span + 16).loadUnaligned(as: SIMD16<UInt8>.self)
            let v2 = (span + 32).loadUnaligned(as: SIMD16<UInt8>.self)
            let v3 = (span + 48).loadUnaligned(as: SIMD16<UInt8>.self)
            let quotes = JSONByteMasks.bits(JSONByteMasks.quoteLanes(v0), JSONByteMasks.quoteLanes(v1),
                                            JSONByteMasks.quoteLanes(v2), JSONByteMasks.quoteLanes(v3))
            let others = JSONByteMasks.otherLanes(v0) | JSONByteMasks.otherLanes(v1)
                | JSONByteMasks.otherLanes(v2) | JSONByteMasks.otherLanes(v3)
            let hasOthers = JSONByteMasks.bits(others) != 0
            afterPlain = quotes == 0 && !hasOthers
            if afterPlain {
                storeSpan(v0, v1, v2, v3, at: to)
                from &+= 64
                to &+= 64
                continue
            }
            // A span with escapes needs the room of its worst case: without it, the chunk
            // is handed over and the span read again.
            if to > Self.chunkCapacity &- Self.spanRoom {
                output(UnsafeBufferPointer(start: chunk, count: to))
                to = 0
                continue
            }
            if !hasOthers {
                // Quotes and backslashes alone (a body of JSON): a backslash before each,
                // the byte itself goes out with the next piece.
                var marks = quotes
                var done = 0
                repeat {
                    let bit = marks.trailingZeroBitCount
                    copyPiece(from: from &+ done, count: bit &- done, to: to)
                    to &+= bit &- done
                    chunk[to] = UInt8(ascii: "\\")
                    to &+= 1
                    done = bit
                    marks &= marks &- 1
                } while marks != 0
                copyPiece(from: from &+ done, count: 64 &- done, to: to)
                to &+= 64 &- done
                from &+= 64
                continue
            }
            guard escapeMixed(v0, v1, v2, v3, from: &from, to: &to, validatingUTF8: validatingUTF8) else { return false }
        }
        return true
    }

    /// A span with controls, DEL or bytes above 0x7F: its marked bytes in order up to the
    /// first byte above 0x7F, then the multi-byte sequences from there to the span's end.
    private func escapeMixed(_ v0: SIMD16<UInt8>, _ v1: SIMD16<UInt8>, _ v2: SIMD16<UInt8>, _ v3: SIMD16<UInt8>,
                             from: inout Int, to: inout Int, validatingUTF8: Bool) -> Bool {
        let marked = JSONByteMasks.bits(JSONByteMasks.attentionLanes(v0), JSONByteMasks.attentionLanes(v1),
                                        JSONByteMasks.attentionLanes(v2), JSONByteMasks.attentionLanes(v3))
        // Bytes above 0x7F are marked too; the first of them ends what the mask takes.
        // `below`: all ones below it, or everywhere without one.
        let high = JSONByteMasks.bits(v0, v1, v2, v3)
        let below = (high & (0 &- high)) &- 1
        let stop = high == 0 ? 64 : high.trailingZeroBitCount
        var marks = marked & below
        var done = 0
        while marks != 0 {
            let bit = marks.trailingZeroBitCount
            copyPiece(from: from &+ done, count: bit &- done, to: to)
            to &+= bit &- done
            let byte = input[from &+ bit]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                chunk[to] = UInt8(ascii: "\\")
                to &+= 1
                done = bit
            } else {
                to &+= Self.writeControlEscape(byte, to: chunk + to)
                done = bit &+ 1
            }
            marks &= marks &- 1
        }
        copyPiece(from: from &+ done, count: stop &- done, to: to)
        to &+= stop &- done
        let end = from &+ 64
        from &+= stop
        while from < end && input[from] >= 0x80 {
            guard let (read, written) = multiByte(at: from, to: chunk + to, validatingUTF8: validatingUTF8) else { return false }
            from &+= read
            to &+= written
        }
        return true
    }

    /// Copies plain spans (one test each) while they are plain, reach, and fit the chunk.
    /// A loop of its own, so that nothing of the masks' work is done for them.
    @inline(__always) private func copyPlain(from: inout Int, to: inout Int) {
        while count &- from >= Self.spanReach && to <= Self.chunkCapacity &- 64 {
            let span = UnsafeRawPointer(input + from)
            let v0 = span.loadUnaligned(as: SIMD16<UInt8>.self)
            let v1 = (span + 16).loadUnaligned(as: SIMD16<UInt8>.self)
            let v2 = (span + 32).loadUnaligned(as: SIMD16<UInt8>.self)
            let v3 = (span + 48).loadUnaligned(as: SIMD16<UInt8>.self)
            guard JSONByteMasks.plain(v0, v1, v2, v3) else { return }
            storeSpan(v0, v1, v2, v3, at: to)
            from &+= 64
            to &+= 64
        }
    }

    @inline(__always) private func storeSpan(_ v0: SIMD16<UInt8>, _ v1: SIMD16<UInt8>, _ v2: SIMD16<UInt8>,
                                             _ v3: SIMD16<UInt8>, at to: Int) {
        let out = UnsafeMutableRawPointer(chunk + to)
        out.storeBytes(of: v0, as: SIMD16<UInt8>.self)
        (out + 16).storeBytes(of: v1, as: SIMD16<UInt8>.self)
        (out + 32).storeBytes(of: v2, as: SIMD16<UInt8>.self)
        (out + 48).storeBytes(of: v3, as: SIMD16<UInt8>.self)
    }

    /// Copies `count` bytes (at most 64) from the input at `from` to the chunk at `to`,
    /// sixteen a load and a store; the last store may write up to sixteen bytes more,
    /// which later output overwrites (or is not kept).
    @inline(__always) private func copyPiece(from: Int, count: Int, to: Int) {
        let source = UnsafeRawPointer(input + from), target = UnsafeMutableRawPointer(chunk + to)
        var offset = 0
        repeat {
            let piece = (source + offset).loadUnaligned(as: SIMD16<UInt8>.self)
            (target + offset).storeBytes(of: piece, as: SIMD16<UInt8>.self)
            offset &+= 16
        } while offset < count
    }
}

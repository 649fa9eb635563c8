import CPlainSpans

/// The escaper's main loop over long text: 64 bytes a step (`JSONStringEscaper.run`).
///
/// A span's classes come from SSE2 compares as 64-bit masks, one bit a byte
/// (`JSONByteMasks+Escaping.swift`, gathered with `pmovmskb`). A plain span is copied with
/// four 16-byte stores; in any other the marked bytes are taken from the mask in order, and
/// the plain pieces between them are copied sixteen bytes a load and a store, straight from
/// the input. A body of small JSON objects, a quote every three or four bytes, pays per
/// quote and per span, where the word loop paid per quote and per eight bytes (~50
/// instructions a word). At a byte above 0x7F the run of multi-byte sequences from there
/// goes as in the word loop (`multiByteRun`), up to the next ASCII byte; the span's masks
/// go on from that byte, so that text with an accented letter every few words pays one
/// span's masks per 64 bytes, not per letter. Only a run that reaches the span's end ends
/// it, and the next span starts after that run.
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
                passPlain(from: &from, to: &to, output)
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
            // One 16-bit summary of the other class: its mask only for a span that has it.
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
            guard escapeMixed(v0, v1, v2, v3, quotes: quotes, from: &from, to: &to,
                              validatingUTF8: validatingUTF8) else { return false }
        }
        return true
    }

    /// A span with controls, DEL or bytes above 0x7F (`quotes`: its quotes and backslashes,
    /// one bit a byte, as `runSpans` found them): its marked bytes in order up to the next
    /// byte above 0x7F, the multi-byte sequences from there up to the next ASCII byte, and
    /// on from there with the same masks. A run of sequences that reaches the span's end
    /// ends it; the next span starts after the run (up to three bytes past this one's end).
    private func escapeMixed(_ v0: SIMD16<UInt8>, _ v1: SIMD16<UInt8>, _ v2: SIMD16<UInt8>, _ v3: SIMD16<UInt8>,
                             quotes: UInt64, from: inout Int, to: inout Int, validatingUTF8: Bool) -> Bool {
        let marked = quotes | JSONByteMasks.bits(JSONByteMasks.otherLanes(v0), JSONByteMasks.otherLanes(v1),
                                                 JSONByteMasks.otherLanes(v2), JSONByteMasks.otherLanes(v3))
        let high = JSONByteMasks.bits(v0, v1, v2, v3)
        let end = from &+ 64
        // Offset in the span of the first byte not yet written; always below 64 here.
        var done = 0
        while true {
            // The bytes above 0x7F from `done` on; `below`: all ones below the first of
            // them, or everywhere without one.
            let ahead = high & (~0 &<< UInt64(done))
            let below = (ahead & (0 &- ahead)) &- 1
            let stop = ahead == 0 ? 64 : ahead.trailingZeroBitCount
            var marks = marked & (~0 &<< UInt64(done)) & below
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
            guard stop < 64 else {
                from = end
                return true
            }
            var next = from &+ stop
            guard multiByteRun(position: &next, used: &to, limit: end, validatingUTF8: validatingUTF8) else { return false }
            guard next < end else {
                from = next
                return true
            }
            done = next &- from
        }
    }

    /// The plain spans from `from` on. Runs of at least `directMinimum` bytes are handed
    /// over straight from the input (the chunk's bytes first), `directReach` at a time, so
    /// that long text is tested (one load per 16 bytes, no store) and copied once
    /// (`memcpy`'s, in `Array.append`) instead of stored into the chunk and copied again
    /// from there; a shorter run goes into the chunk as before. The test of a run is one
    /// C call (`hs_plain_spans`), which takes AVX2 on a CPU that has it. Stops at a span that is
    /// not plain or at the end of the spans' reach (or, for a short run, when the chunk
    /// is full): the caller's loop goes on from there.
    @inline(__always) private func passPlain(from: inout Int, to: inout Int,
                                             _ output: (UnsafeBufferPointer<UInt8>) -> Void) {
        while true {
            // The spans that leave `spanReach` in front of them, up to `directReach`; the
            // test is C's (`CPlainSpans`), AVX2 where the CPU has it (half the SSE2
            // test's instructions), chosen per call.
            let spans = count &- from >= Self.spanReach
                ? Swift.min((count &- from &- Self.spanReach) / 64 &+ 1, Self.directReach / 64) : 0
            let end = from &+ 64 &* hs_plain_spans(input + from, spans)
            guard end &- from >= Self.directMinimum else {
                copyPlain(from: &from, to: &to, end: end)
                return
            }
            if to > 0 {
                output(UnsafeBufferPointer(start: chunk, count: to))
                to = 0
            }
            output(UnsafeBufferPointer(start: input + from, count: end &- from))
            let reachedLimit = end &- from == Self.directReach
            from = end
            guard reachedLimit else { return }
        }
    }

    /// Plain text handed over straight from the input in runs of up to this many bytes:
    /// under glibc's threshold for `rep movsb` (which callgrind counts per byte, and which
    /// starts slowly), and small enough to stay in L1 between the test and the copy.
    static let directReach = 2048
    /// Shorter runs of plain spans go through the chunk: a hand-over costs a call and an
    /// `Array.append` (~60 instructions), as much as copying a few spans.
    static let directMinimum = 256

    /// Copies the spans from `from` up to `end` (tested plain) into the chunk, while they
    /// fit; the rest is tested again by the caller's loop.
    @inline(__always) private func copyPlain(from: inout Int, to: inout Int, end: Int) {
        while from < end && to <= Self.chunkCapacity &- 64 {
            let span = UnsafeRawPointer(input + from)
            let v0 = span.loadUnaligned(as: SIMD16<UInt8>.self)
            let v1 = (span + 16).loadUnaligned(as: SIMD16<UInt8>.self)
            let v2 = (span + 32).loadUnaligned(as: SIMD16<UInt8>.self)
            let v3 = (span + 48).loadUnaligned(as: SIMD16<UInt8>.self)
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

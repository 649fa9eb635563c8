import Testing
@testable import HookscopeCore

/// The escaper's 64-byte spans (`JSONStringEscaper+Spans.swift`): text with at least 80
/// bytes left goes through them, so every case here has a long tail. A span is read one of
/// two ways (after a plain span: the one-test `JSONByteMasks.plain` first; after one with
/// escapes: its masks at once), its quotes alone or its mixed classes, and its pieces are
/// copied sixteen bytes a store: each case is run after both kinds of span, at several
/// alignments, and held to the byte-at-a-time references (`JSONStringEscaperTests`).
@Suite struct JSONStringEscaperSpanTests {
    /// What comes before the span under test: a plain span (its successor is tested whole
    /// first), a span with a quote (its successor's masks are taken at once), and a plain
    /// span cut by a multi-byte sequence (the next span starts mid-way).
    static let leads: [[UInt8]] = [
        Array(repeating: UInt8(ascii: "p"), count: 64),
        Array(repeating: UInt8(ascii: "q"), count: 30) + [0x22] + Array(repeating: UInt8(ascii: "q"), count: 33),
        Array(repeating: UInt8(ascii: "m"), count: 21) + Array("é".utf8) + Array(repeating: UInt8(ascii: "m"), count: 3),
    ]
    static let tail = Array(String(repeating: "tail words ", count: 10).utf8)

    @Test func everyByteAtEveryOffsetOfASpan() {
        for lead in Self.leads {
            for offset in 0..<64 {
                for byte in UInt8.min...UInt8.max {
                    var span = Array(repeating: UInt8(ascii: "s"), count: 64)
                    span[offset] = byte
                    JSONStringEscaperTests.expectBoth(lead + span + Self.tail, "\(byte) at \(offset) after \(lead.count)")
                }
            }
        }
    }

    /// Two escapes of every class at every pair of offsets of a span (and into the next):
    /// pieces of every length between them, from none to the whole span.
    @Test func twoEscapesAtEveryPairOfOffsetsOfASpan() {
        // After a plain span: one that is not goes to its masks as after any other
        // (`theSpanMasksMarkExactlyTheirClasses` holds the plain test itself).
        let escapes: [UInt8] = [0x22, 0x5C, 0x0A, 0x00, 0x7F]
        for lead in Self.leads.prefix(1) {
            for first in escapes {
                for second in escapes {
                    for i in 0..<64 {
                        for j in (i + 1)..<66 {
                            var span = Array(repeating: UInt8(ascii: "x"), count: 66)
                            span[i] = first
                            span[j] = second
                            JSONStringEscaperTests.expectBoth(lead + span + Self.tail, "\(first)@\(i) \(second)@\(j)")
                        }
                    }
                }
            }
        }
    }

    /// Spans of quotes (and backslashes) only: none to all 64, each at every offset, with
    /// plain runs of every length between them.
    @Test func spansOfQuotesAtEveryDensity() {
        var rng = SplitMix64(seed: 6464)
        for density in [1, 2, 3, 4, 8, 16, 32, 63] {
            for round in 0..<40 {
                let bytes = (0..<(64 * 4 + round)).map { _ -> UInt8 in
                    guard Int.random(in: 0..<64, using: &rng) < density else { return UInt8(ascii: "a") }
                    return Bool.random(using: &rng) ? 0x22 : 0x5C
                }
                JSONStringEscaperTests.expectBoth(bytes + Self.tail, "density \(density), round \(round)")
            }
        }
        JSONStringEscaperTests.expectBoth(Array(repeating: 0x22, count: 64 * 5) + Self.tail, "all quotes")
    }

    /// Multi-byte sequences (copied, escaped, or not UTF-8) at every offset of two spans:
    /// the first byte above 0x7F ends what a span's mask takes, and the sequences run on to
    /// the span's end and past it.
    @Test func multiByteSequencesAtEveryOffsetOfTwoSpans() {
        let sequences: [[UInt8]] = [
            Array("é".utf8), Array("€".utf8), Array("😀".utf8), Array("\u{85}".utf8), Array("\u{2028}".utf8),
            Array("\u{202e}".utf8), Array("\u{200b}".utf8), Array("\u{feff}".utf8), Array("\u{fffb}".utf8),
            Array(String(repeating: "日本", count: 30).utf8), Array(String(repeating: "\u{9b}", count: 40).utf8),
            [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC2, 0x22], [0xE2, 0x80, 0x5C], [0xFF],
        ]
        for lead in Self.leads.prefix(2) {
            for sequence in sequences {
                for offset in 0..<130 {
                    for neighbour in [UInt8(ascii: "a"), 0x22, 0x0A] {
                        let bytes = lead + Array(repeating: UInt8(ascii: "a"), count: offset) + sequence + [neighbour] + Self.tail
                        JSONStringEscaperTests.expectBoth(bytes, "\(sequence.prefix(4)) at \(offset) before \(neighbour)")
                    }
                }
            }
        }
    }

    /// Bodies that are not UTF-8 in a span, at every offset: base64, nothing of the text.
    @Test func invalidUTF8InASpanAtEveryOffsetFallsBackToBase64() {
        for bad in [[0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x28, 0xA1]] as [[UInt8]] {
            for offset in 0..<140 {
                let bytes = Array(repeating: UInt8(ascii: "\""), count: offset % 3) + Array(repeating: UInt8(ascii: "v"), count: offset)
                    + bad + Self.tail
                let written = JSONWriterEscapingTests.member(bytes)
                #expect(written == JSONWriterEscapingTests.reference(bytes), "\(bad) at \(offset)")
                #expect(written.starts(with: Array(#""body_base64":"#.utf8)))
            }
        }
    }

    /// Spans of the widest escapes with the chunk filled to every level around where a
    /// span's worst case no longer fits (`spanRoom`) and around its end: the chunk is
    /// handed over and the span read again.
    @Test func denseSpansAtEveryFillOfTheChunk() {
        let chunk = JSONStringEscaper.chunkCapacity
        let dense: [[UInt8]] = [Array(repeating: 0x01, count: 200), Array(repeating: 0x22, count: 200),
                                Array(String(repeating: "\u{9b}\u{2028}a\"", count: 30).utf8),
                                Array(String(repeating: "{\"n\":1,\"v\":\"é\"}", count: 20).utf8)]
        for tail in dense {
            for prefix in Array((chunk - JSONStringEscaper.spanRoom - 70)...(chunk - JSONStringEscaper.spanRoom + 70))
                + Array((chunk - 70)...(chunk + 70)) {
                let bytes = Array(repeating: UInt8(ascii: "p"), count: prefix) + tail + Self.tail
                JSONStringEscaperTests.expectBoth(bytes, "prefix \(prefix), tail \(tail.prefix(3))")
            }
        }
    }

    /// The masks the spans are made of, lane by lane: every byte value in every lane.
    @Test func theSpanMasksMarkExactlyTheirClasses() {
        for lane in 0..<64 {
            for byte in UInt8.min...UInt8.max {
                var bytes = Array(repeating: UInt8(ascii: "z"), count: 64)
                bytes[lane] = byte
                let vectors = bytes.withUnsafeBytes { raw in
                    (0..<4).map { raw.baseAddress!.advanced(by: 16 * $0).loadUnaligned(as: SIMD16<UInt8>.self) }
                }
                let isQuote = byte == 0x22 || byte == 0x5C
                let isOther = byte < 0x20 || byte >= 0x7F
                let bit: UInt64 = 1 << UInt64(lane)
                let quotes = JSONByteMasks.bits(JSONByteMasks.quoteLanes(vectors[0]), JSONByteMasks.quoteLanes(vectors[1]),
                                                JSONByteMasks.quoteLanes(vectors[2]), JSONByteMasks.quoteLanes(vectors[3]))
                let others = JSONByteMasks.bits(JSONByteMasks.otherLanes(vectors[0]), JSONByteMasks.otherLanes(vectors[1]),
                                                JSONByteMasks.otherLanes(vectors[2]), JSONByteMasks.otherLanes(vectors[3]))
                let high = JSONByteMasks.bits(vectors[0], vectors[1], vectors[2], vectors[3])
                #expect(quotes == (isQuote ? bit : 0), "quotes: \(byte) in lane \(lane)")
                #expect(others == (isOther ? bit : 0), "others: \(byte) in lane \(lane)")
                #expect(high == (byte >= 0x80 ? bit : 0), "high: \(byte) in lane \(lane)")
                #expect(JSONByteMasks.plain(vectors[0], vectors[1], vectors[2], vectors[3]) == !(isQuote || isOther),
                        "plain: \(byte) in lane \(lane)")
            }
        }
    }
}

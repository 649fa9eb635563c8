import Testing
@testable import HookscopeCore

/// The word-at-a-time escaper (`JSONStringEscaper`): every marked byte of a word is taken
/// from one mask, plain pieces are copied with word stores, and output is gathered in a
/// 1 KB chunk. Held to the byte-at-a-time references of `JSONWriterEscapingTests` (bodies)
/// and `JSONWriterTests` (strings) where those cases meet: runs of escapes, escapes on
/// both sides of a word boundary, sequences that straddle words, and the chunk's edge.
@Suite struct JSONStringEscaperTests {
    /// Checks `bytes` as a body (validated) and, when they are UTF-8, as a Swift string.
    static func expectBoth(_ bytes: [UInt8], _ comment: @autoclosure () -> String) {
        #expect(JSONWriterEscapingTests.member(bytes) == JSONWriterEscapingTests.reference(bytes), "body: \(comment())")
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        var writer = JSONWriter()
        writer.string(text)
        #expect(writer.bytes == JSONWriterTests.reference(text), "string: \(comment())")
    }

    @Test func theMaskMarksExactlyTheBytesThatNeedAttention() {
        // The loop takes every marked byte of a word, so a byte right above a marked one
        // (where the usual zero-byte test's borrow runs on) must not be marked by mistake.
        let interesting: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F,
                                    0x80, 0x81, 0xA2, 0xDC, 0xFF, UInt8(ascii: "a")]
        var rng = SplitMix64(seed: 2028)
        for round in 0..<20_000 {
            let bytes = (0..<8).map { _ in
                round % 2 == 0 ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            let expected = bytes.enumerated().reduce(UInt64(0)) { mask, item in
                let byte = item.element
                let marked = byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                return marked ? mask | 0x80 << (8 * UInt64(item.offset)) : mask
            }
            #expect(JSONStringEscaper.attentionMask(word) == expected, "\(bytes)")
        }
    }

    @Test func runsOfQuotesAndBackslashesAtEveryOffset() {
        for run in ["\"", "\\", "\"\\", "\\\"", "\n\"", "\"\u{1}", "\u{7f}\\"] {
            for length in 0...20 {
                for offset in 0..<17 {
                    let text = String(repeating: "a", count: offset) + String(repeating: run, count: length) + "tail"
                    Self.expectBoth(Array(text.utf8), "\(run.debugDescription) × \(length) at \(offset)")
                }
            }
        }
    }

    @Test func twoEscapesAtEveryPairOfOffsetsAcrossAWordBoundary() {
        let escapes: [UInt8] = [0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x00, 0x1B, 0x7F, 0x08]
        for first in escapes {
            for second in escapes {
                for i in 0..<20 {
                    for j in (i + 1)..<21 {
                        var bytes = Array(repeating: UInt8(ascii: "x"), count: 21)
                        bytes[i] = first
                        bytes[j] = second
                        Self.expectBoth(bytes, "\(first)@\(i) \(second)@\(j)")
                    }
                }
            }
        }
    }

    @Test func multiByteSequencesStraddlingWordsAtEveryOffset() {
        let sequences: [[UInt8]] = [
            Array("é".utf8), Array("€".utf8), Array("😀".utf8), Array("\u{a0}".utf8),
            Array("\u{85}".utf8), Array("\u{2028}".utf8), Array("\u{202e}".utf8), Array("\u{2069}".utf8),
            [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC2, 0x22], [0xE2, 0x80, 0x5C],
            // Zero-width and invisible (session 16 review L5), and their neighbours left as they are.
            Array("\u{200b}".utf8), Array("\u{200f}".utf8), Array("\u{2060}".utf8), Array("\u{feff}".utf8),
            Array("\u{fff9}".utf8), Array("\u{fffb}".utf8), Array("\u{fffc}".utf8), Array("\u{fefe}".utf8),
            [0xEF, 0xBB], [0xEF, 0xBF],
        ]
        for sequence in sequences {
            for offset in 0..<20 {
                for neighbour in [UInt8(ascii: "a"), 0x22, 0x0A, 0x80] {
                    var bytes = Array(repeating: UInt8(ascii: "a"), count: offset) + sequence + [neighbour] + Array("0123456789".utf8)
                    Self.expectBoth(bytes, "\(sequence) at \(offset) before \(neighbour)")
                    bytes = Array(repeating: UInt8(ascii: "b"), count: offset) + [neighbour] + sequence
                    Self.expectBoth(bytes, "\(sequence) at the end after \(neighbour), offset \(offset)")
                }
            }
        }
    }

    /// Every scalar of the first plane and a few beyond, alone and between plain bytes:
    /// `--json` escapes above ASCII exactly what the screen escapes (session 16 review L5:
    /// it claimed parity with TerminalSafeText and let the zero-width ones through).
    @Test func everyScalarIsEscapedAsTheScreenEscapesIt() {
        for value in Array(0x80...0xFFFF) + [0x1_0000, 0x1_F600, 0xE_0001, 0x10_FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "ab" + String(scalar) + "c"
            var writer = JSONWriter()
            writer.string(text)
            #expect(writer.bytes == JSONWriterTests.reference(text), "U+\(String(value, radix: 16))")
        }
    }

    @Test func outputCrossingTheChunkEdgeAtEveryAlignment() {
        // Plain prefixes of every length around the 1 KB chunk, then escapes of each width
        // (2 and 6 bytes, and the 6-byte escapes of 2- and 3-byte sequences).
        let tails: [[UInt8]] = [Array(repeating: 0x22, count: 40), Array(repeating: 0x01, count: 40),
                                Array(String(repeating: "\u{2028}é\u{9b}", count: 10).utf8)]
        let chunk = JSONStringEscaper.chunkCapacity
        for tail in tails {
            for prefix in (chunk - 70)...(chunk + 10) {
                let bytes = Array(repeating: UInt8(ascii: "p"), count: prefix) + tail + Array("end".utf8)
                Self.expectBoth(bytes, "prefix \(prefix), tail \(tail.prefix(3))")
            }
        }
        // Whole bodies of the widest escape and of back-to-back quotes, many chunks long.
        Self.expectBoth(Array(repeating: 0x1F, count: 5_003), "5 003 × 0x1f")
        Self.expectBoth(Array(repeating: 0x22, count: 9_001), "9 001 quotes")
    }

    /// Every byte value at every offset of the 64 bytes after a plain run, the run starting
    /// at each alignment of a word, escaped exactly as byte at a time. With no lead the input
    /// (77 bytes) is short of a span (`spanReach`, 80) and takes the word loop alone; with a
    /// lead the spans take it and the word loop its last bytes (JSONStringEscaperSpanTests
    /// has the spans' own cases).
    @Test func everyByteAtEveryOffsetAfterAPlainWord() {
        for lead in [0, 3, 8, 13] {
            // `lead` bytes that need escaping first, so the plain run starts mid-word.
            let head = Array(repeating: UInt8(ascii: "\""), count: lead) + Array("plain wo".utf8)
            for index in 0..<64 {
                for byte in UInt8.min...UInt8.max {
                    var run = Array(repeating: UInt8(ascii: "r"), count: 64)
                    run[index] = byte
                    Self.expectBoth(head + run + Array("\"tail".utf8), "\(byte) at \(index) after \(lead)")
                }
            }
        }
    }

    /// Plain runs long enough to fill the chunk, starting with the chunk partly used (by
    /// escapes of 2 and 6 bytes before them), with an escape right after, at every length
    /// around the chunk's edge.
    @Test func longPlainRunsFillingTheChunk() {
        let chunk = JSONStringEscaper.chunkCapacity
        for before in [[], [0x22], [0x01], Array(repeating: 0x22, count: 7), Array(repeating: 0x01, count: 11)] as [[UInt8]] {
            for length in Array(1...40) + Array((chunk - 40)...(chunk + 40)) + [3 * chunk + 5] {
                let bytes = before + Array(repeating: UInt8(ascii: "p"), count: length) + [0x0A] + Array("end".utf8)
                Self.expectBoth(bytes, "\(before.count) before, run of \(length)")
            }
        }
    }

    @Test func longRandomTextWithDenseEscapesMatchesTheReferences() {
        var rng = SplitMix64(seed: 6464)
        let pieces: [[UInt8]] = [Array("{\"n\":12,\"name\":\"item 12\"}".utf8), [0x22], [0x5C], [0x0A], [0x00], [0x7F],
                                 Array("é".utf8), Array("😀".utf8), Array("\u{2066}".utf8), Array("\u{85}".utf8),
                                 Array("plain words ".utf8), [0xE2, 0x82], [0xFF]]
        for round in 0..<400 {
            var bytes: [UInt8] = []
            let length = Int.random(in: 0...3_000, using: &rng)
            while bytes.count < length {
                let piece = pieces.randomElement(using: &rng)!
                // Invalid pieces only in every other round, so half the bodies stay text.
                if round % 2 == 0, String(validating: piece, as: UTF8.self) == nil { continue }
                bytes += piece
            }
            Self.expectBoth(bytes, "round \(round), \(bytes.count) bytes")
        }
    }
}

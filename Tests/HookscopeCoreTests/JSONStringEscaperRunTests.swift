import Testing
@testable import HookscopeCore

/// Runs of multi-byte sequences inside a span (issue 18 review M3): after a run that ends
/// at an ASCII byte the span's masks go on from there, so what follows the run in the same
/// span (escapes, more runs, plain bytes) is taken from masks computed before the run.
/// And the sequences the escaper copies without its general check (2-byte ones led by
/// C3...DF, 3-byte ones led by E1...EE but E2 and ED): every lead byte with continuation
/// bytes and others after it. Held to the byte-at-a-time references.
@Suite struct JSONStringEscaperRunTests {
    static let tail = JSONStringEscaperSpanTests.tail

    /// A sequence at every offset of a span, then an escape (or another sequence) at every
    /// later offset of the same span and just past it.
    @Test func anEscapeAfterARunInTheSameSpanAtEveryPairOfOffsets() {
        let sequences: [[UInt8]] = [Array("é".utf8), Array("日".utf8), Array("\u{85}".utf8), Array("😀".utf8)]
        let seconds: [[UInt8]] = [[0x22], [0x0A], [0x7F], Array("ü".utf8), Array("\u{2028}".utf8)]
        for lead in JSONStringEscaperSpanTests.leads.prefix(2) {
            for sequence in sequences {
                for second in seconds {
                    for i in 0..<64 {
                        for j in (i + sequence.count)..<67 {
                            var span = Array(repeating: UInt8(ascii: "x"), count: 67)
                            span.replaceSubrange(i..<(i + sequence.count), with: sequence)
                            span.replaceSubrange(j..<min(j + second.count, span.count), with: second)
                            if j + second.count > span.count { span += second.suffix(j + second.count - span.count) }
                            JSONStringEscaperTests.expectBoth(lead + span + Self.tail, "\(sequence)@\(i) \(second)@\(j)")
                        }
                    }
                }
            }
        }
    }

    /// Spans of names and addresses: runs, plain bytes and escapes in every order, many a span.
    @Test func manyRunsASpanInRandomText() {
        let pieces: [[UInt8]] = ["a", "bc", "def ", "é", "ß", "日本", "\u{85}", "\u{200b}", "😀", "\"", "\\", "\n", "\u{1}",
                                 "\u{7f}", "Zoë", "Müller", "Straße 1"].map { Array($0.utf8) }
        var rng = SplitMix64(seed: 1818)
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            while bytes.count < 80 + round % 400 { bytes += pieces.randomElement(using: &rng)! }
            JSONStringEscaperTests.expectBoth(bytes, "round \(round)")
        }
    }

    /// Every byte above 0x7F as a lead, with each kind of byte in the two places after it,
    /// in a span after a plain one, in a span after one with escapes, and in the word loop.
    @Test func everyLeadByteWithEveryKindOfFollower() {
        let followers: [UInt8] = [0x41, 0x22, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE3, 0xFF]
        for lead in UInt8(0x80)...0xFF {
            for second in followers {
                for third in followers {
                    let sequence = [lead, second, third, UInt8(ascii: "a")]
                    for before in JSONStringEscaperSpanTests.leads.prefix(2) {
                        JSONStringEscaperTests.expectBoth(before + Array(repeating: 0x62, count: 30) + sequence + Self.tail,
                                                          "\(sequence) in a span")
                    }
                    JSONStringEscaperTests.expectBoth(Array("short ".utf8) + sequence, "\(sequence) in a word")
                    JSONStringEscaperTests.expectBoth(Array("short ".utf8) + sequence.prefix(2), "\(sequence.prefix(2)) at the end")
                }
            }
        }
    }
}

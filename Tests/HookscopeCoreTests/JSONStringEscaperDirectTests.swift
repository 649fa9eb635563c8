import Testing
@testable import HookscopeCore

/// Runs of plain spans handed over straight from the input (`JSONStringEscaper.passPlain`,
/// issue 18): a run of at least `directMinimum` bytes skips the chunk, in pieces of up to
/// `directReach`; a shorter one goes through the chunk. Every case is held to the
/// byte-at-a-time references (`JSONStringEscaperTests.expectBoth`), with the run's length
/// around both limits, escapes (and multi-byte sequences) before, inside and after it, and
/// the chunk holding output of earlier spans when the run starts.
@Suite struct JSONStringEscaperDirectTests {
    static let plain = UInt8(ascii: "a")
    /// What comes before and after a run: nothing, a quote, a control, a two-byte letter, a
    /// span of quotes (so the chunk holds some hundred bytes when the run starts).
    static let edges: [[UInt8]] = [
        [],
        [0x22],
        [0x0A, 0x22],
        Array("é".utf8),
        Array(repeating: 0x22, count: 64) + Array(repeating: UInt8(ascii: "b"), count: 17),
    ]

    static func runLengths() -> [Int] {
        let minimum = JSONStringEscaper.directMinimum, reach = JSONStringEscaper.directReach
        var lengths = Array(0...(minimum + 140))
        for multiple in 1...3 { lengths += Array((multiple * reach - 70)...(multiple * reach + 70)) }
        return lengths
    }

    @Test func plainRunsOfEveryLengthAroundTheLimits() {
        for lead in Self.edges {
            for trail in Self.edges {
                for length in Self.runLengths() {
                    let bytes = lead + Array(repeating: Self.plain, count: length) + trail + JSONStringEscaperSpanTests.tail
                    JSONStringEscaperTests.expectBoth(bytes, "lead \(lead.count), run \(length), trail \(trail.count)")
                }
            }
        }
    }

    /// A byte that needs attention at every offset of a long run (and so at every offset of
    /// the pieces it is handed over in): the run is cut there and goes on after it.
    @Test func everyClassOfEscapeAtEveryOffsetOfALongRun() {
        let reach = JSONStringEscaper.directReach
        let breaks: [[UInt8]] = [[0x22], [0x5C], [0x00], [0x7F], Array("é".utf8), Array("\u{2028}".utf8), [0xFF]]
        for stop in breaks {
            for offset in stride(from: 0, through: 2 * reach + 64, by: 1) where offset % 64 < 3 || offset % 64 > 60 || offset % 97 == 0 {
                var bytes = Array(repeating: Self.plain, count: 2 * reach + 200)
                bytes.replaceSubrange(offset..<(offset + stop.count), with: stop)
                JSONStringEscaperTests.expectBoth(bytes, "\(stop) at \(offset)")
            }
        }
    }

    /// The point of the path: a long plain run reaches the output as pieces of the input
    /// itself (no copy into the chunk), none longer than `directReach`; a short one does not.
    @Test func longRunsAreHandedOverFromTheInput() {
        let reach = JSONStringEscaper.directReach
        let bytes = [0x22] + Array(repeating: Self.plain, count: 3 * reach + 500) + [0x22] + JSONStringEscaperSpanTests.tail
        var fromInput = 0, pieces = 0
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { input in
            let range = UInt(bitPattern: input.baseAddress!)..<UInt(bitPattern: input.baseAddress! + input.count)
            _ = JSONStringEscaper.escape(input, validatingUTF8: true) { piece in
                if range.contains(UInt(bitPattern: piece.baseAddress!)) {
                    fromInput += piece.count
                    #expect(piece.count <= reach)
                }
                pieces += 1
                output += piece
            }
        }
        #expect(fromInput >= 3 * reach)
        #expect(output == Array(JSONWriterEscapingTests.reference(bytes).dropFirst(#""body":""#.utf8.count).dropLast()))

        let short = [0x22] + Array(repeating: Self.plain, count: JSONStringEscaper.directMinimum - 64) + [0x22] + JSONStringEscaperSpanTests.tail
        short.withUnsafeBufferPointer { input in
            let range = UInt(bitPattern: input.baseAddress!)..<UInt(bitPattern: input.baseAddress! + input.count)
            _ = JSONStringEscaper.escape(input, validatingUTF8: true) { piece in
                #expect(!range.contains(UInt(bitPattern: piece.baseAddress!)), "a short run goes through the chunk")
            }
        }
    }
}

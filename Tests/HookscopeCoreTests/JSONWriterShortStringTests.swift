import Testing
@testable import HookscopeCore

/// Short strings with nothing to escape go out in one append (`JSONWriter.string`), and
/// so do keys and a signature's reason in pieces (issue 18): held to the byte-at-a-time
/// reference of `JSONWriterTests` at every length around the limit, with a byte that needs
/// escaping at every offset.
@Suite struct JSONWriterShortStringTests {
    static let attention: [String] = ["\"", "\\", "\u{0}", "\n", "\u{1F}", "\u{7F}", "é", "\u{2028}", "\u{85}", "😀"]

    static func written(_ text: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.string(text)
        return writer.bytes
    }

    @Test func plainStringsOfEveryLengthAroundTheLimit() {
        for length in 0...(JSONWriter.shortString + 9) {
            let text = String((0..<length).map { Character(UnicodeScalar(UInt8(0x20 + ($0 * 7) % 95))) })
                .replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\\", with: "/")
            #expect(Array(text.utf8).withUnsafeBufferPointer { JSONStringEscaper.isPlain($0) }, "length \(length)")
            #expect(Self.written(text) == JSONWriterTests.reference(text), "length \(length)")
        }
    }

    @Test func oneByteToEscapeAtEveryOffsetOfEveryShortLength() {
        for length in 1...(JSONWriter.shortString + 2) {
            for offset in 0..<length {
                for mark in Self.attention {
                    var text = String(repeating: "a", count: offset) + mark
                    text += String(repeating: "b", count: length - offset - 1)
                    let bytes = Array(text.utf8)
                    #expect(!bytes.withUnsafeBufferPointer { JSONStringEscaper.isPlain($0) }, "\(mark.unicodeScalars.first!.value) at \(offset)")
                    #expect(Self.written(text) == JSONWriterTests.reference(text), "\(mark.unicodeScalars.first!.value) at \(offset) of \(length)")
                }
            }
        }
    }

    @Test func keysAreWrittenWithTheirCommaQuotesAndColon() {
        var writer = JSONWriter()
        writer.raw("{")
        writer.key("id", first: true)
        writer.int(1)
        writer.key("received_at")
        writer.string("x")
        writer.key("a_key_longer_than_most_keys_that_a_json_line_writes")
        writer.null()
        writer.raw("}")
        #expect(writer.string == #"{"id":1,"received_at":"x","a_key_longer_than_most_keys_that_a_json_line_writes":null}"#)
    }

    @Test func aStringOfPiecesIsTheWholeEscaped() {
        let pieces = ["no ", "X-\"Sig\"\\nature", " header; ", "Ünïcode\u{7}\u{2028}", "", String(repeating: "long ", count: 40)]
        var writer = JSONWriter()
        writer.stringOfPieces { w in
            for piece in pieces { w.content(piece) }
            w.content(" and a literal")
        }
        #expect(writer.bytes == JSONWriterTests.reference(pieces.joined() + " and a literal"))
    }

    /// A header's `["name","value"]`: one append when both are short and plain, else each
    /// string as `string` writes it; the same bytes either way.
    @Test func pairsOfStringsPlainOrNotAtEveryLengthAroundTheLimit() {
        let limit = JSONWriter.shortString
        let texts = [0, 1, 7, 8, 9, limit - 1, limit, limit + 1].flatMap { length -> [String] in
            let plain = String(repeating: "k", count: length)
            return length == 0 ? [plain] : [plain, "\"" + plain.dropFirst(), String(plain.dropLast()) + "é"]
        }
        for first in texts {
            for second in texts {
                for comma in [false, true] {
                    var writer = JSONWriter()
                    writer.stringPair(first, second, comma: comma)
                    let expected = Array((comma ? ",[" : "[").utf8) + JSONWriterTests.reference(first) + Array(",".utf8)
                        + JSONWriterTests.reference(second) + Array("]".utf8)
                    #expect(writer.bytes == expected, "\(first.count) \(second.count) \(comma)")
                }
            }
        }
    }
}

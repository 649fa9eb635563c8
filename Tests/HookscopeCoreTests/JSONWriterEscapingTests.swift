import Foundation
import Testing
@testable import HookscopeCore

/// The one-pass body encoder (`JSONWriter+Escaping.swift`): held to what the line did
/// before it (validate into a `String`, escape that byte by byte, or Foundation's base64).
@Suite struct JSONWriterEscapingTests {
    /// The body member as the encoder wrote it before the one-pass loop.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        if let text = String(validating: bytes, as: UTF8.self) {
            return Array(#""body":"#.utf8) + JSONWriterTests.reference(text)
        }
        return Array(#""body_base64":""#.utf8) + Array(Data(bytes).base64EncodedString().utf8) + Array("\"".utf8)
    }

    static func member(_ bytes: [UInt8]) -> [UInt8] {
        var writer = JSONWriter()
        writer.textOrBase64Member(bytes, text: "body", base64: "body_base64")
        // The member is written with its leading comma (it is never the first).
        return Array(writer.bytes.dropFirst())
    }

    @Test func everyEscapeClassIsWrittenAsTheRuleSays() {
        let cases: [(String, String)] = [
            ("\"", #""\"""#), ("\\", #""\\""#), ("\n", #""\n""#), ("\r", #""\r""#), ("\t", #""\t""#),
            ("\u{0}", #""\u0000""#), ("\u{1}", #""\u0001""#), ("\u{8}", #""\u0008""#), ("\u{c}", #""\u000c""#),
            ("\u{1b}", #""\u001b""#), ("\u{1f}", #""\u001f""#), ("\u{7f}", #""\u007f""#),
            ("/", #""/""#), (" ", #"" ""#), ("~", #""~""#),
            // Above ASCII, UTF-8 is copied as it is, except what a terminal takes as
            // control: C1, the line/paragraph separators and bidi controls (review M4).
            ("é", "\"é\""), ("😀", "\"😀\""), ("\u{a0}", "\"\u{a0}\""), ("\u{2027}", "\"\u{2027}\""),
            ("\u{202f}", "\"\u{202f}\""), ("\u{206a}", "\"\u{206a}\""), ("\u{200a}", "\"\u{200a}\""),
            ("\u{2010}", "\"\u{2010}\""), ("\u{205f}", "\"\u{205f}\""), ("\u{fefe}", "\"\u{fefe}\""), ("\u{fff8}", "\"\u{fff8}\""),
            ("\u{fffc}", "\"\u{fffc}\""),
            ("\u{80}", #""\u0080""#), ("\u{9b}", #""\u009b""#), ("\u{9f}", #""\u009f""#),
            ("\u{2028}", #""\u2028""#), ("\u{2029}", #""\u2029""#), ("\u{202a}", #""\u202a""#),
            ("\u{202e}", #""\u202e""#), ("\u{2066}", #""\u2066""#), ("\u{2069}", #""\u2069""#),
            // Zero-width and invisible ones, as the screen escapes them (session 16 review L5).
            ("\u{200b}", #""\u200b""#), ("\u{200e}", #""\u200e""#), ("\u{200f}", #""\u200f""#),
            ("\u{2060}", #""\u2060""#), ("\u{2065}", #""\u2065""#), ("\u{feff}", #""\ufeff""#),
            ("\u{fff9}", #""\ufff9""#), ("\u{fffb}", #""\ufffb""#),
        ]
        for (input, expected) in cases {
            var writer = JSONWriter()
            writer.string(input)
            #expect(writer.string == expected, "\(input.debugDescription)")
            #expect(Self.member(Array(input.utf8)) == Array((#""body":"# + expected).utf8))
        }
    }

    @Test func everyByteAtEveryOffsetOfAWordMatchesTheReference() {
        // The loop skips eight bytes at a time: a byte that needs an escape or a UTF-8
        // check must stop it wherever it sits, also in the last, shorter-than-a-word tail.
        for value in 0...255 {
            for offset in 0..<17 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 17)
                bytes[offset] = UInt8(value)
                #expect(Self.member(bytes) == Self.reference(bytes), "byte \(value) at \(offset)")
            }
        }
    }

    @Test func invalidUTF8OfEveryKindFallsBackToBase64WithNothingLeftOfTheText() {
        let invalid: [[UInt8]] = [
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80],   // stray, overlong
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],   // surrogates
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE],   // above U+10FFFF, never UTF-8
            [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],   // cut short at the end
            [0xC3, 0x28], [0xE2, 0x28, 0xA1], [0xF0, 0x9F, 0x28, 0x80],   // continuation missing
        ]
        for sequence in invalid {
            for prefix in [[UInt8](), Array("plain text with \"escapes\"\n and é ".utf8), Array(repeating: UInt8(ascii: "x"), count: 70_000)] {
                let bytes = prefix + sequence + Array("tail".utf8)
                let written = Self.member(bytes)
                #expect(written == Self.reference(bytes), "\(sequence)")
                #expect(written.starts(with: Array(#""body_base64":"#.utf8)))
            }
        }
    }

    @Test func theEmptyBodyIsAnEmptyString() {
        #expect(Self.member([]) == Array(#""body":"""#.utf8))
        var writer = JSONWriter()
        writer.base64String([])
        #expect(writer.string == #""""#)
    }

    @Test func base64MatchesFoundationForEveryTailLength() {
        var rng = SplitMix64(seed: 18)
        for count in 0..<100 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let expected = Data(bytes).base64EncodedString()
            #expect(Base64.encode(bytes) == expected)
            var writer = JSONWriter()
            writer.base64String(bytes)
            #expect(writer.string == "\"" + expected + "\"")
            #expect(Base64.decode(expected) == bytes)
        }
    }

    @Test func aHugeBodyIsWrittenWhole() throws {
        // 3 MiB of text with an escape every 1 000 bytes and multi-byte characters across
        // word boundaries, then the same with one bad byte near the end.
        var bytes: [UInt8] = []
        let piece = Array((String(repeating: "a", count: 990) + "\"\\\n\u{1}é😀").utf8)
        while bytes.count < 3 * 1024 * 1024 { bytes += piece }
        let text = Self.member(bytes)
        #expect(text == Self.reference(bytes))
        let object = try #require(JSONSerialization.jsonObject(with: Data(Array("{".utf8) + text + Array("}".utf8))) as? [String: Any])
        #expect((object["body"] as? String).map { Array($0.utf8) } == bytes)

        bytes[bytes.count - 3] = 0xFF
        let binary = Self.member(bytes)
        #expect(binary == Self.reference(bytes))
    }

    @Test func aReusedBufferKeepsWhatCameBeforeAndLeaksNothingOfEarlierLines() throws {
        let long = Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "r", method: "POST", target: "/long",
                            headers: [], body: Array(repeating: UInt8(ascii: "z"), count: 100_000))
        let short = Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "r", method: "POST", target: "/short",
                             headers: [], body: Array("{}".utf8))
        let binary = Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "r", method: "POST", target: "/bin",
                              headers: [], body: Array(repeating: UInt8(ascii: "y"), count: 50_000) + [0xFF])

        var buffer: [UInt8] = []
        ExchangeJSONLines.encode(long, appendingTo: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        ExchangeJSONLines.encode(binary, appendingTo: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        ExchangeJSONLines.encode(short, appendingTo: &buffer)
        let lines = buffer.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines == [ExchangeJSONLines.encode(long), ExchangeJSONLines.encode(binary), ExchangeJSONLines.encode(short)])

        // Emptied but keeping its room, as the printer does between writes: the next line
        // is only itself, though the buffer's memory still holds the long one's bytes.
        let capacity = buffer.capacity
        buffer.removeAll(keepingCapacity: true)
        ExchangeJSONLines.encode(short, appendingTo: &buffer)
        #expect(buffer.capacity == capacity)
        #expect(String(decoding: buffer, as: UTF8.self) == ExchangeJSONLines.encode(short))
        let object = try #require(JSONSerialization.jsonObject(with: Data(buffer)) as? [String: Any])
        #expect(object["body"] as? String == "{}")
        #expect(object["body_base64"] == nil)
    }

    @Test func randomBytesMatchTheReference() {
        var rng = SplitMix64(seed: 1818)
        let pieces: [[UInt8]] = [Array("plain ".utf8), [0x22], [0x5C], [0x0A], [0x00], [0x7F], Array("é".utf8), Array("😀".utf8), [0xE2, 0x82], [0x80], [0xC0], [0xED, 0xA0, 0x80]]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...30, using: &rng) {
                if Bool.random(using: &rng) {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                } else {
                    bytes += pieces.randomElement(using: &rng)!
                }
            }
            #expect(Self.member(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }
}

import Testing
@testable import HookscopeTUI

@Suite struct BodyFormatterTests {
    func pretty(_ text: String) -> [String]? {
        JSONPretty.lines(of: Array(text.utf8)[...])?.map(\.text)
    }

    @Test func prettyPrintsNestedJSON() {
        #expect(pretty(#"{"a":[1,2,{"b":null}],"c":{},"d":"x,y:z"}"#) == [
            "{",
            #"  "a": ["#,
            "    1,",
            "    2,",
            "    {",
            #"      "b": null"#,
            "    }",
            "  ],",
            #"  "c": {},"#,
            #"  "d": "x,y:z""#,
            "}",
        ])
    }

    @Test func keepsStringEscapesAsWritten() {
        #expect(pretty(#"{"s":"a\"b\u001b"}"#) == ["{", #"  "s": "a\"b\u001b""#, "}"])
    }

    @Test func rejectsWhatIsNotJSON() {
        for text in [#"{"a":1"#, "[1,]x", "hello", #"{"a" 1}"#, "{}{}", "[1 2]", #"{"a":tru}"#] {
            #expect(pretty(text) == nil, "\(text)")
        }
        #expect(pretty("  [ ]  ") == ["[]"])
    }

    @Test func automaticViewPicksJSONTextOrHex() {
        #expect(BodyFormatter.automaticView(for: Array(#"{"a":1}"#.utf8), contentType: nil) == .json)
        #expect(BodyFormatter.automaticView(for: Array("a=1&b=2".utf8), contentType: nil) == .text)
        #expect(BodyFormatter.automaticView(for: Array("\u{1B}]0;t\u{07}".utf8), contentType: nil) == .text)
        #expect(BodyFormatter.automaticView(for: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], contentType: nil) == .hex)
        #expect(BodyFormatter.automaticView(for: [0x61, 0x00, 0x62], contentType: nil) == .hex)
    }

    @Test func largeBodiesAreShownInPartWithANote() {
        let body = [UInt8](repeating: 0x61, count: BodyFormatter.displayLimit + 10)
        let (lines, note) = BodyFormatter.lines(body, view: .text, width: 100)
        #expect(lines.map(\.columns).reduce(0, +) == BodyFormatter.displayLimit)
        #expect(note == "showing the first 64.0 KB of 64.0 KB; w saves all of it")
    }

    /// Review L1: an empty slice used to trap in `1...min(3, 0)`.
    @Test func aCutBodyDropsOnlyTheSplitCharacterAndAnEmptyOneIsKept() {
        #expect(JSONPretty.withoutCutCharacter([]).isEmpty)
        #expect(Array(JSONPretty.withoutCutCharacter(Array("\"é".utf8).dropLast())) == [0x22])
        #expect(Array(JSONPretty.withoutCutCharacter(Array("\"é".utf8)[...])) == Array("\"é".utf8))
        #expect(JSONPretty.lines(of: [], cut: true) == nil)   // nothing is not JSON, and no trap
    }

    @Test func hexDumpRows() {
        let lines = HexDump.lines(of: Array("hello, world!\n\u{0}\u{1}AB".utf8)[...], bytesPerRow: 16).map(\.text)
        #expect(lines == [
            "00000000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 01  |hello, world!...|",
            "00000010  41 42                                             |AB|",
        ])
    }
}

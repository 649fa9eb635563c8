import HookscopeCore
import Testing

/// The tunnel program's output arrives in reads that end anywhere: lines are whole,
/// whatever the reads' boundaries.
@Suite struct LineSplitterTests {
    @Test func linesSplitAcrossReadsComeOutWholeWithoutTheirBreaks() {
        var splitter = LineSplitter()
        #expect(splitter.append(ArraySlice("2026-12-01T10:00:00Z INF Requ".utf8)) == [])
        #expect(splitter.append(ArraySlice("esting\r\nsecond\n\nthi".utf8)) == ["2026-12-01T10:00:00Z INF Requesting", "second", ""])
        #expect(splitter.rest() == "thi")
        #expect(splitter.rest() == nil)
    }

    @Test func everyByteBoundaryGivesTheSameLines() {
        let text = Array("one\r\ntwo\nthree\r\n\nfour".utf8)
        for cut in 0...text.count {
            var splitter = LineSplitter()
            var lines = splitter.append(text[..<cut])
            lines += splitter.append(text[cut...])
            #expect(lines == ["one", "two", "three", ""], "cut at \(cut)")
            #expect(splitter.rest() == "four", "cut at \(cut)")
        }
    }

    @Test func aLineThatNeverEndsIsCutAtTheLimit() {
        var splitter = LineSplitter()
        let long = [UInt8](repeating: UInt8(ascii: "a"), count: LineSplitter.longestLine + 10)
        let lines = splitter.append(long[...])
        #expect(lines.map(\.count) == [LineSplitter.longestLine])
        #expect(splitter.rest()?.count == 10)
    }

    @Test func bytesThatAreNotUTF8BecomeReplacementCharacters() {
        var splitter = LineSplitter()
        #expect(splitter.append([0x66, 0xFF, 0x6F, 0x0A][...]) == ["f\u{FFFD}o"])
    }
}

import Testing
@testable import HookscopeTUI

@Suite struct CellGridTests {
    @Test func wideCharactersTakeTwoColumnsSoColumnsStayAligned() {
        var grid = CellGrid(width: 10, height: 2)
        let end = grid.write("日本a", x: 0, y: 0)
        #expect(end == 5)
        grid.write("abcde|", x: 0, y: 1)
        #expect(grid.lines == ["日本a", "abcde|"])
        #expect(grid[1, 0].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("日本", x: 0, y: 0)
        grid.write("x", x: 1, y: 0)
        #expect(grid.line(0) == " x本")
        grid.write("y", x: 2, y: 0)
        #expect(grid.line(0) == " xy")   // the other half of 本 became a space
    }

    @Test func aWideCharacterThatDoesNotFitIsLeftOut() {
        var grid = CellGrid(width: 3, height: 1)
        grid.write("a日本", x: 0, y: 0)
        #expect(grid.line(0) == "a日")
        var narrow = CellGrid(width: 2, height: 1)
        narrow.write("a日", x: 0, y: 0)
        #expect(narrow.line(0) == "a")
    }

    @Test func combiningMarksJoinTheirBase() {
        var grid = CellGrid(width: 4, height: 1)
        let end = grid.write("e\u{301}x", x: 0, y: 0)
        #expect(end == 2)
        #expect(grid[0, 0].text == "e\u{301}")
    }

    @Test func ellipsisMarksCutText() {
        var grid = CellGrid(width: 20, height: 1)
        grid.write("/a/very/long/path", x: 0, y: 0, limit: 8, ellipsis: true)
        #expect(grid.line(0) == "/a/very…")
    }

    @Test func controlsBidiAndC1BecomeStyledEscapes() {
        var grid = CellGrid(width: 60, height: 1)
        grid.write("a\u{1B}[31mb\u{202E}c\u{85}\u{7F}", x: 0, y: 0)
        #expect(grid.line(0) == #"a\x1b[31mb\u{202e}c\u{0085}\x7f"#)
        #expect(grid[1, 0].style == Palette.escape)
        #expect(grid[5, 0].style == .plain)   // "[31m" after the escape is plain text
    }

    @Test func invalidUTF8BytesAreShownAsHex() {
        var grid = CellGrid(width: 30, height: 1)
        grid.write(bytes: [0x61, 0xFF, 0xC3, 0x28, 0x62], x: 0, y: 0)
        #expect(grid.line(0) == #"a\xff\xc3(b"#)
    }

    @Test func wrappingBreaksAfterSpaces() {
        let line = StyledLine("alpha beta gamma delta")
        #expect(line.wrapped(width: 11).map(\.text) == ["alpha beta ", "gamma delta"])
        #expect(StyledLine(String(repeating: "x", count: 25)).wrapped(width: 10).map(\.columns) == [10, 10, 5])
        #expect(line.rowCount(width: 11) == 2)
        #expect(StyledLine("key value that is long").wrapped(width: 16, indent: 4).map(\.text) == ["key value that ", "    is long"])
    }

    @Test func terminalWidths() {
        #expect(TerminalWidth.of("abc") == 3)
        #expect(TerminalWidth.of("日本") == 4)
        #expect(TerminalWidth.of("✓✗⏱·") == 4)
        #expect(TerminalWidth.of("🎉") == 2)
        #expect(TerminalWidth.of("e\u{301}") == 1)
    }
}

import Testing
@testable import HookscopeCore

@Suite struct TerminalSafeTextTests {
    @Test func escapeSequencesBecomeVisibleText() {
        let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J"
        #expect(TerminalSafeText.string(hostile) == #"\x1b]0;owned\x07\x1b[2J"#)
    }

    @Test func invalidUTF8IsEscapedByteByByte() {
        #expect(TerminalSafeText.string(bytes: [0x41, 0xFF, 0xC3, 0x28, 0xE2, 0x82]) == #"A\xffA(\xe2\x82"#.replacingOccurrences(of: "A(", with: #"\xc3("#))
    }

    @Test func validMultibyteTextIsKept() {
        #expect(TerminalSafeText.string(bytes: Array("Zoë — 日本 ✓".utf8)) == "Zoë — 日本 ✓")
    }

    @Test func c1BidiAndZeroWidthAreEscaped() {
        #expect(TerminalSafeText.string("a\u{9B}b") == #"a\u{009b}b"#)
        #expect(TerminalSafeText.string("x\u{202E}y\u{2066}z") == #"x\u{202e}y\u{2066}z"#)
        #expect(TerminalSafeText.string("p\u{200B}w") == #"p\u{200b}w"#)
    }

    @Test func piecesMarkEscapesSeparately() {
        #expect(TerminalSafeText.pieces(of: "ok\u{1B}[1mbold") == [.text("ok"), .escape(#"\x1b"#), .text("[1mbold")])
    }

    @Test func randomBytesNeverLeaveAControlCharacter() {
        // Seeded, so a failure names inputs that can be made again.
        var rng = SplitMix64(seed: 28)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let out = TerminalSafeText.string(bytes: bytes)
            for scalar in out.unicodeScalars {
                #expect(TerminalSafeText.escape(for: scalar) == nil, "unsafe scalar \(scalar.value) survived")
            }
        }
    }
}

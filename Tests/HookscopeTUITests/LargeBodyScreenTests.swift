import HookscopeCore
import Testing
@testable import HookscopeTUI

/// Issue #12 point 7: a body past the 64 KB shown. The pretty JSON view formats the part
/// shown (before: all of it as one raw line), says it is cut, and `w` on the detail screen
/// saves all of it (before: nothing happened).
@Suite struct LargeBodyScreenTests {
    /// About 6.2 MB of JSON: `{"items":[{"id":0,"name":"item 0"},…]}`.
    static let largeJSON: [UInt8] = {
        var text = #"{"items":["#
        for index in 0..<161_000 {
            if index > 0 { text += "," }
            text += #"{"id":\#(index),"name":"item \#(index) ééé"}"#
        }
        text += "]}"
        return Array(text.utf8)
    }()

    func openLarge(width: Int = 100, height: Int = 30, body: [UInt8] = largeJSON) -> AppState {
        let store = CaptureStore()
        store.append(Fixtures.exchange(target: "/hooks/big", bodyBytes: body))
        var state = Fixtures.state(store, width: width, height: height)
        Fixtures.press([.enter], on: &state)
        return state
    }

    @Test func theBodyIsLargeEnough() {
        #expect(Self.largeJSON.count > 6_000_000)
    }

    @Test func prettyJSONOfALargeBodyAt100x30IsFormattedAndSaysItIsCut() {
        let lines = Fixtures.render(openLarge())
        #expect(Array(lines[7...14]) == [
            "── body · 6.2 MB · pretty JSON (m: next view) ──",
            "pretty JSON of the first 64.0 KB of 6.2 MB, cut mid-document; w saves all of it",
            "{",
            #"  "items": ["#,
            "    {",
            #"      "id": 0,"#,
            #"      "name": "item 0 ééé""#,
            "    },",
        ], "\(lines)")
    }

    @Test func theEndOfTheShownPartIsTheCutNotAnError() {
        var state = openLarge(width: 60, height: 15)
        Fixtures.press([.character("G")], on: &state)
        let lines = Fixtures.render(state)
        // The last rows are still indented members, the last one cut where the bytes end.
        let body = Array(lines[2..<13]).filter { !$0.isEmpty }
        #expect(body.allSatisfy { $0.hasPrefix("      ") || $0.hasPrefix("    ") }, "\(lines)")
        #expect(!lines.joined().contains("not JSON"))
        // A character the cut went through is left out, not shown as an escape.
        #expect(!lines.joined().contains(#"\x"#), "\(lines)")
    }

    @Test func aCutPrefixThatIsNotJSONIsRawTextWithTheSizeNote() {
        var body = Array("[1, 2, }".utf8)
        body += [UInt8](repeating: 0x20, count: BodyFormatter.displayLimit)
        let (_, note) = BodyFormatter.lines(body, view: .json, width: 100)
        #expect(note?.hasPrefix("showing the first 64.0 KB of") == true, "\(note ?? "")")
        #expect(BodyFormatter.automaticView(for: body, contentType: nil) == .text)
        #expect(BodyFormatter.automaticView(for: Self.largeJSON, contentType: nil) == .json)
    }

    @Test func rawAndHexViewsOfALargeBodyShowThePrefixWithTheNote() {
        var state = openLarge()
        Fixtures.press([.character("m")], on: &state)
        var lines = Fixtures.render(state)
        #expect(lines[7] == "── body · 6.2 MB · raw text (m: next view) ──")
        #expect(lines[8] == "showing the first 64.0 KB of 6.2 MB; w saves all of it")
        #expect(lines[9].hasPrefix(#"{"items":[{"id":0,"name":"item 0 ééé"},{"id":1"#))
        Fixtures.press([.character("m")], on: &state)
        lines = Fixtures.render(state)
        #expect(lines[7] == "── body · 6.2 MB · hex (m: next view) ──")
        #expect(lines[9].hasPrefix("00000000  7b 22 69 74 65 6d 73 22  3a 5b 7b 22 69 64 22 3a  |{\"items\":[{\"id\":|"))
    }

    @Test func wOnTheDetailScreenSavesAllOfTheBody() {
        var state = openLarge()
        #expect(Fixtures.press([.character("w")], on: &state).isEmpty)
        #expect(state.input?.purpose == .saveBody(id: 1, response: false))
        #expect(state.input?.text == "hookscope-1-body.json")
        #expect(Fixtures.render(state)[28] == "save the body of #1 (all of it) to: hookscope-1-body.json")
        let effects = Fixtures.press([.enter], on: &state)
        guard effects.count == 1, case .saveBody(let path, let bytes, let what, let overwrite, _) = effects[0] else {
            Issue.record("expected one saveBody, got \(effects)")
            return
        }
        #expect(path == "hookscope-1-body.json")
        #expect(bytes == Self.largeJSON)
        #expect(what == "the body of #1")
        #expect(!overwrite)
    }

    @Test func wOnTheResponseTabSavesTheAnswer() {
        var state = openLarge()
        Fixtures.press([.character("3"), .character("w")], on: &state)
        #expect(state.input?.text == "hookscope-1-response.json")
        guard case .saveBody(_, let bytes, let what, _, _)? = Fixtures.press([.enter], on: &state).first else {
            Issue.record("expected saveBody")
            return
        }
        #expect(bytes == Array(#"{"captured":true}"#.utf8))
        #expect(what == "the response body of #1")
    }

    @Test func wWithoutAnAnswerSaysThereIsNoBody() {
        let store = CaptureStore()
        store.append(Fixtures.exchange(pending: true))
        var state = Fixtures.state(store)
        Fixtures.press([.enter, .character("3"), .character("w")], on: &state)
        #expect(state.input == nil)
        #expect(state.message == StatusMessage("this tab has no body to save", isError: true))
    }
}

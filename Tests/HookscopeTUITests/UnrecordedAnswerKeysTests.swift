import Foundation
import HookscopeCore
import Testing
@testable import HookscopeTUI

/// `w` (save this tab's body) and `y` (copy it) on the Response tab of an answer whose
/// headers and body were not recorded (a line saved before they were kept) say so: the
/// screen says "not recorded", and an empty file or clipboard reported as saved or copied
/// would say the answer had an empty body (review 18b L4).
@Suite struct UnrecordedAnswerKeysTests {
    /// A delivery as a line of an older version gives it back: the answer's status and
    /// timing, without its headers and body.
    static func oldLineReadBack() throws -> Exchange {
        let line = ExchangeJSONLines.encode(Fixtures.exchange(target: "/hooks/old"))
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var response = try #require(object["response"] as? [String: Any])
        for key in ["headers", "body", "body_base64", "body_size"] { response[key] = nil }
        object["response"] = response
        let old = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        return try ExchangeJSONLines.decode(old)
    }

    static func responseTab(_ exchange: Exchange) -> AppState {
        let store = CaptureStore()
        store.append(exchange)
        var state = Fixtures.state(store)
        Fixtures.press([.enter, .character("3")], on: &state)
        return state
    }

    static let notRecorded = StatusMessage("the answer's body was not recorded", isError: true)

    @Test func savingTheUnrecordedAnswersBodySaysItWasNotRecorded() throws {
        var state = Self.responseTab(try Self.oldLineReadBack())
        #expect(Fixtures.render(state).contains { $0.contains("headers and body not recorded") })
        let effects = Fixtures.press([.character("w")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.input == nil, "no prompt for a file that would be empty")
        #expect(state.message == Self.notRecorded)
        #expect(Fixtures.render(state).contains { $0.contains("the answer's body was not recorded") })
    }

    @Test func copyingTheUnrecordedAnswersBodySaysItWasNotRecorded() throws {
        var state = Self.responseTab(try Self.oldLineReadBack())
        let effects = Fixtures.press([.character("y")], on: &state)
        #expect(effects.isEmpty, "nothing copied: \(effects)")
        #expect(state.message == Self.notRecorded)
        #expect(Fixtures.render(state).contains { $0.contains("the answer's body was not recorded") })
    }

    @Test func theRequestsBodyAndARecordedEmptyAnswerAreStillSavedAndCopied() throws {
        // The request tab of the same exchange: its body is recorded.
        var state = Self.responseTab(try Self.oldLineReadBack())
        Fixtures.press([.character("1")], on: &state)
        Fixtures.press([.character("w")], on: &state)
        #expect(state.input?.purpose == .saveBody(id: 1, response: false))

        // An answer that really had no body: an empty file is the truth.
        var empty = Fixtures.exchange(target: "/hooks/empty")
        empty.response?.body = []
        state = Self.responseTab(empty)
        let copied = Fixtures.press([.character("y")], on: &state)
        guard case .copy(let bytes, _)? = copied.first else {
            Issue.record("no copy: \(copied)")
            return
        }
        #expect(bytes.isEmpty)
        Fixtures.press([.character("w")], on: &state)
        #expect(state.input?.purpose == .saveBody(id: 1, response: true))
    }
}

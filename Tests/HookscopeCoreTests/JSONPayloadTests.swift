import Testing
@testable import HookscopeCore

/// The scanner behind provider detection must read what JSONSerialization read, and
/// refuse what it refused.
@Suite struct JSONPayloadTests {
    static func payload(_ text: String) -> JSONPayload? { JSONPayload(body: Array(text.utf8)) }

    @Test func readsTopLevelKeysAndNestedPaths() throws {
        let p = try #require(Self.payload(#" {"type":"a.b","event":{"type":"deal.created","n":[1,{"x":null}]},"id":42,"f":1.5,"t":true} "#))
        #expect(p.has("type") && p.has("event") && p.has("id") && !p.has("missing"))
        #expect(p.string(at: "type") == "a.b")
        #expect(p.string(at: "event.type") == "deal.created")
        #expect(p.string(at: "id") == "42")
        #expect(p.string(at: "f") == "1.5")
        #expect(p.string(at: "event") == nil)
        #expect(p.string(at: "type.x") == nil)
        #expect(p.string(at: "event.n") == nil)
    }

    @Test func decodesEscapesInKeysAndValues() throws {
        let p = try #require(Self.payload(#"{"ty\u0070e":"line\nnext \"q\" \u00e9 \ud83d\ude00 \/"}"#))
        #expect(p.string(at: "type") == "line\nnext \"q\" é 😀 /")
    }

    @Test func theLastOfDuplicateKeysWins() {
        #expect(Self.payload(#"{"id":"first","id":"second"}"#)?.string(at: "id") == "second")
    }

    @Test func refusesWhatIsNotOneJSONObject() {
        for text in ["", "[]", "\"x\"", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":01}", "{\"a\":tru}",
                     "{\"a\":\"\u{01}\"}", "{\"a\":\"\\x\"}", "{a:1}", "{\"a\":[1,]}", "{\"a\":-}", "{\"a\":1.}"] {
            #expect(Self.payload(text) == nil, "\(text)")
        }
        #expect(JSONPayload(body: Array(#"{"a":""#.utf8) + [0xff] + Array(#""}"#.utf8)) == nil)
        let deep = String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(Self.payload(deep) == nil)
        #expect(Self.payload(#"{"a":{}, "b":[], "c":-0.5e+3, "d":"ü"}"#) != nil)
    }
}

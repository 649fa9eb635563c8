import Testing
@testable import HookscopeCore

/// The analyzer's reader of a body's few fields (`JSONFieldReader`): what it finds, what it
/// does not, and what it makes of text that is not (or no longer) JSON.
@Suite struct JSONFieldReaderTests {
    static func reader(_ text: String) -> JSONFieldReader? { JSONFieldReader(body: Array(text.utf8)) }

    @Test func readsTopLevelKeysAndNestedPaths() throws {
        let r = try #require(Self.reader(#" {"type":"a.b","event":{"type":"deal.created","n":[1,{"x":null}]},"id":42,"f":1.5,"t":true} "#))
        #expect(r.has("type") && r.has("event") && r.has("id") && r.has("t") && !r.has("missing"))
        #expect(r.string(at: "type") == "a.b")
        #expect(r.string(at: "event.type") == "deal.created")
        #expect(r.string(at: "id") == "42")
        #expect(r.string(at: "f") == "1.5")
        #expect(r.string(at: "t") == nil)
        #expect(r.string(at: "event") == nil)
        #expect(r.string(at: "type.x") == nil)
        #expect(r.string(at: "event.n") == nil)
        #expect(r.string(at: "event.n.x") == nil)
        #expect(r.string(at: "event.missing") == nil)
    }

    @Test func answersTheSameWhateverTheOrderOfQuestions() throws {
        let text = #"{"a":1,"b":{"c":"x"},"d":"y"}"#
        let forwards = try #require(Self.reader(text))
        #expect(forwards.string(at: "a") == "1" && forwards.string(at: "b.c") == "x" && forwards.string(at: "d") == "y")
        let backwards = try #require(Self.reader(text))
        #expect(!backwards.has("zz"))   // reads to the end first
        #expect(backwards.string(at: "d") == "y" && backwards.string(at: "b.c") == "x" && backwards.string(at: "a") == "1")
    }

    @Test func keysOfNestedObjectsDoNotAnswerTopLevelQuestions() throws {
        let r = try #require(Self.reader(#"{"data":{"type":"inner","id":"x","list":[{"event":"e"}]},"other":["type","id"]}"#))
        #expect(!r.has("type") && !r.has("id") && !r.has("event"))
        #expect(r.string(at: "type") == nil)
        #expect(r.string(at: "data.type") == "inner")
        #expect(r.string(at: "data.event") == nil)
    }

    @Test func bracketsQuotesAndEscapesInsideStringsDoNotCount() throws {
        let r = try #require(Self.reader(#"{"a":"}]{[\"}","b":{"s":"\\","t":"\"}\\\"{","u":["]}"]},"c":"after"}"#))
        #expect(r.string(at: "c") == "after")
        #expect(r.string(at: "a") == #"}]{["}"#)
        #expect(r.string(at: "b.s") == #"\"#)
        #expect(r.string(at: "b.t") == #""}\"{"#)
    }

    @Test func escapesInKeysAndValuesAreDecoded() throws {
        let r = try #require(Self.reader(#"{"ty\u0070e":"line\nnext \"q\" \u00e9 \ud83d\ude00 \/","\u0069d":"7"}"#))
        #expect(r.string(at: "type") == "line\nnext \"q\" é 😀 /")
        #expect(r.string(at: "id") == "7")
    }

    @Test func unicodeKeysAndValuesAreReadAsUTF8() throws {
        let r = try #require(Self.reader(#"{"über":{"名前":"値 😀"},"x":"é"}"#))
        #expect(r.string(at: "über.名前") == "値 😀")
        #expect(r.string(at: "x") == "é")
        #expect(!r.has("uber"))
    }

    @Test func theFirstOfDuplicateKeysIsRead() throws {
        // The reader stops at the first (JSONPayload, which reads everything, takes the last).
        let r = try #require(Self.reader(#"{"id":"first","x":{"id":"nested"},"id":"second"}"#))
        #expect(r.string(at: "id") == "first")
        let nested = try #require(Self.reader(#"{"e":{"t":"one","t":"two"}}"#))
        #expect(nested.string(at: "e.t") == "one")
    }

    @Test func stopsOnceTheKeyIsFound() throws {
        // Everything after the member asked for is not JSON at all: never read.
        let r = try #require(Self.reader(#"{"type":"invoice.paid","id":"evt_1", this is } not [ JSON"#))
        #expect(r.string(at: "type") == "invoice.paid")
        #expect(r.string(at: "id") == "evt_1")
        #expect(!r.has("other"))
    }

    @Test func aBodyCutShortGivesTheMembersBeforeTheCut() throws {
        let full = #"{"type":"a","n":12,"obj":{"k":"v"},"s":"long string","last":1}"#
        let r = try #require(Self.reader(String(full.prefix(48))))   // cut inside "s"'s string
        #expect(r.string(at: "type") == "a" && r.string(at: "n") == "12" && r.string(at: "obj.k") == "v")
        #expect(!r.has("s") && !r.has("last"))
        // A number that reaches the cut may have been cut itself: not taken.
        let number = try #require(Self.reader(#"{"a":"x","n":12"#))
        #expect(number.string(at: "a") == "x" && !number.has("n"))
        // Cut inside a nested value, inside an escape, right after a key.
        #expect(Self.reader(#"{"a":{"b":[1,2"#)?.has("a") == false)
        #expect(Self.reader(#"{"a":"x\"#)?.has("a") == false)
        #expect(Self.reader(#"{"a""#)?.has("a") == false)
        #expect(Self.reader(#"{"a":"#)?.has("a") == false)
    }

    @Test func whereTheGrammarBreaksTheMembersEnd() throws {
        let r = try #require(Self.reader(#"{"a":1 "b":2}"#))
        #expect(r.string(at: "a") == "1" && !r.has("b"))
        #expect(Self.reader(#"{a:1}"#)?.has("a") == false)
        #expect(Self.reader(#"{"a" 1}"#)?.has("a") == false)
        #expect(Self.reader(#"{"a":}"#)?.has("a") == false)
        #expect(Self.reader(#"{,"a":1}"#)?.has("a") == false)
        #expect(Self.reader("{}")?.has("a") == false)
        #expect(Self.reader("{{name}}")?.has("name") == false)
    }

    @Test func onlyObjectsAreRead() {
        for text in ["", "   ", "[]", #"[{"a":1}]"#, #""{\"a\":1}""#, "12", "null", "<xml/>"] {
            #expect(Self.reader(text) == nil, "\(text)")
        }
        #expect(JSONFieldReader(body: [UInt8](repeating: 0x20, count: 3) + Array(#"{"a":1}"#.utf8))?.has("a") == true)
        let tooLarge = Array(#"{"a":""#.utf8) + [UInt8](repeating: 0x61, count: JSONPayload.maxParsedBytes) + Array(#""}"#.utf8)
        #expect(JSONFieldReader(body: tooLarge) == nil)
    }

    @Test func hugeStringsAndDeepNestingAreSteppedOver() throws {
        let huge = String(repeating: "x", count: 1_000_003)
        let escapes = String(repeating: #"\"\\"#, count: 50_000)
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let r = try #require(Self.reader(#"{"s":""# + huge + #"","e":""# + escapes + #"","d":"# + deep + #","type":"found"}"#))
        #expect(r.string(at: "type") == "found")
        #expect(r.string(at: "s")?.count == 1_000_003)
        #expect(r.string(at: "e") == String(repeating: #""\"#, count: 50_000))
    }

    @Test func bytesThatAreNotUTF8AreReplacedNotTrusted() throws {
        let body = Array(#"{"type":""#.utf8) + [0xFF, 0x61] + Array(#"","id":"x"}"#.utf8)
        let r = try #require(JSONFieldReader(body: body))
        #expect(r.string(at: "type") == "\u{FFFD}a")
        #expect(r.string(at: "id") == "x")
    }
}

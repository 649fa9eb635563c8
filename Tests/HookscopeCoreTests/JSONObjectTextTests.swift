import Foundation
import Testing
@testable import HookscopeCore

/// The grammar points where `JSONObjectText` must read as `JSONSerialization` did, each
/// checked against Foundation itself and against the value it gives; and the two places
/// where it reads otherwise, on purpose.
@Suite struct JSONObjectTextTests {
    static func line(_ members: String) -> String {
        #"{"method":"POST","path":"/p","received_at":"2026-12-03T09:01:02Z","headers":[],"body":""#
            + #"x"# + #"""# + (members.isEmpty ? "" : ",") + members + "}"
    }

    static func decoded(_ line: String) -> Result<Exchange, ExchangeJSONLines.DecodingError> {
        Result { try ExchangeJSONLines.decode(line) }.mapError { $0 as! ExchangeJSONLines.DecodingError }
    }

    /// The new decoder's outcome, after checking it is the old one's.
    static func same(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> Result<Exchange, ExchangeJSONLines.DecodingError> {
        let new = decoded(line)
        let old = Result { try ReferenceExchangeDecoder.decode(line) }.mapError { $0 as! ExchangeJSONLines.DecodingError }
        #expect(new == old, "\(line)", sourceLocation: sourceLocation)
        return new
    }

    @Test func surrogatePairsDecodeAndLoneSurrogatesAreNotJSONAsInFoundation() throws {
        #expect(try Self.same(Self.line(#""rejection":"\ud83d\ude00 \uD83D\uDE00""#)).get().rejection == "😀 😀")
        for lone in [#"\ud83d"#, #"\ude00"#, #"\ud83d\ud83d"#, #"\ud83dx"#, #"\ud83d\u0041"#, #"\ude00\ud83d"#] {
            #expect(Self.same(Self.line(#""rejection":""# + lone + #"""#)) == .failure(.init(message: "not valid JSON")))
        }
        // In a member nobody reads, too: the whole line is checked.
        #expect(Self.same(Self.line(#""unknown":["\udfff"]"#)) == .failure(.init(message: "not valid JSON")))
        #expect(try Self.same(Self.line(#""rejection":"\u0000\u00e9\u20ac\/""#)).get().rejection == "\u{0}é€/")
    }

    @Test func theLastOfDuplicateKeysWinsEscapedOrNot() throws {
        let exchange = try Self.same(Self.line(#""id":1,"id":2,"\u0069d":3,"remote":"a","remote":"b""#)).get()
        #expect(exchange.id == 3)
        #expect(exchange.remote == "b")
    }

    @Test func numbersReadAsNSNumberIntValueReadThem() throws {
        let cases: [(String, Int)] = [
            ("3.0", 3), ("3.7", 3), ("-3.7", -3), ("1e2", 100), ("1E+2", 100), ("-0", 0), ("true", 1), ("false", 0),
            ("9223372036854775807", Int.max), ("9223372036854775808", Int.min), ("18446744073709551615", -1),
            ("-9223372036854775808", Int.min), ("1e30", Int.min), ("-1e30", Int.min), ("1e-400", 0),
        ]
        for (text, id) in cases {
            #expect(try Self.same(Self.line(#""id":"# + text)).get().id == id, "\(text)")
        }
        #expect(Self.same(Self.line(#""id":1e400"#)) == .failure(.init(message: "not valid JSON")))
        #expect(try Self.same(Self.line(#""id":"7""#)).get().id == 0)   // a string is no number
        // Foundation converts only the numbers it keeps: an infinite one overwritten by a
        // duplicate key, nested or not, is read past; one kept is refused.
        #expect(try Self.same(Self.line(#""id":1e400,"id":5"#)).get().id == 5)
        #expect(try Self.same(Self.line(#""x":[{"b":1e400,"b":2}],"forward":{"url":"u","status":-1e999,"status":7}"#)).get().upstream?.status == 7)
        #expect(Self.same(Self.line(#""x":{"b":2,"b":1e400}"#)) == .failure(.init(message: "not valid JSON")))
        #expect(Self.same(Self.line(#""x":[1,-1e400]"#)) == .failure(.init(message: "not valid JSON")))
    }

    @Test func booleansAreTrueFalseOrExactlyZeroOrOne() throws {
        for (text, truncated) in [("true", true), ("1", true), ("1.0", true), ("1e0", true), ("0", false), ("-0.0", false), ("2", false), ("0.5", false), ("null", false)] {
            #expect(try Self.same(Self.line(#""body_truncated":"# + text)).get().bodyTruncated == truncated, "\(text)")
        }
    }

    @Test func trailingCommasAByteOrderMarkAndDepthAsInFoundation() throws {
        #expect(try Self.same(Self.line(#""headers":[["a","b"],],"id":4,"#)).get().id == 4)
        #expect(try Self.same("\u{FEFF}" + Self.line("")).get().method == "POST")
        #expect(Self.same("\u{FEFF}\u{FEFF}" + Self.line("")) == .failure(.init(message: "not valid JSON")))
        #expect(Self.same(Self.line(#""id":[1,,]"#)) == .failure(.init(message: "not valid JSON")))
        #expect(Self.same(#"{,}"#) == .failure(.init(message: "not valid JSON")))
        #expect(Self.same("[1,]") == .failure(.init(message: "not a JSON object")))
        #expect(Self.same(#""x""#) == .failure(.init(message: "not a JSON object")))
        let nested = { (depth: Int) in Self.line(#""x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) }
        #expect(Self.same(nested(511)).map(\.method) == .success("POST"))
        #expect(Self.same(nested(512)) == .failure(.init(message: "not valid JSON")))
    }

    @Test func headersAndBodiesAsTheyWere() throws {
        let exchange = try Self.same(Self.line(#""headers":[["X-A","é\"1"],["b","\u00e9"]],"response":{"status":201,"body_base64":"AAH/"}"#)).get()
        #expect(exchange.headers == [HeaderField("X-A", "é\"1"), HeaderField("b", "é")])
        #expect(exchange.response?.body == [0, 1, 0xFF])
        #expect(Self.same(Self.line(#""headers":[["a","b","c"]]"#)) == .failure(.init(message: "headers[0] is not a [name, value] pair")))
        #expect(Self.same(Self.line(#""response":{"headers":null}"#)) == .failure(.init(message: "missing or mistyped field \"response.headers\"")))
        #expect(Self.same(Self.line(#""response":{"body_base64":"@"}"#)) == .failure(.init(message: "response.body_base64 is not base64")))
    }

    /// Where the byte-level reading differs, on purpose (numbers the store never holds):
    /// Foundation reads an integer past 64 bits and a fraction of more than 17 significant
    /// digits as NSDecimalNumber, whose doubleValue is not the nearest Double; here both are
    /// the correctly rounded Double.
    @Test func numbersPast64BitsOrDoublesPrecisionAreTheNearestDouble() throws {
        let forward = { (ms: String) in Self.line(#""forward":{"url":"u","duration_ms":"# + ms + "}") }
        let new = try Self.decoded(forward("0.30000000000000004")).get()
        #expect(new.upstream?.durationMilliseconds == 0.30000000000000004)
        let old = try ReferenceExchangeDecoder.decode(forward("0.30000000000000004"))
        #expect(old.upstream?.durationMilliseconds != 0.30000000000000004)
        #expect(try Self.decoded(forward("100000000000000000000")).get().upstream?.durationMilliseconds == 1e20)
        // Past Int64 with an exponent: Int.min here; Foundation wraps this one.
        #expect(try Self.decoded(Self.line(#""id":1234567890123456E8"#)).get().id == Int.min)
        #expect(try ReferenceExchangeDecoder.decode(Self.line(#""id":1234567890123456E8"#)).id != Int.min)
    }
}

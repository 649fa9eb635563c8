import Foundation
import Testing
@testable import HookscopeCore

/// An answer read back without its headers and body (a line saved before they were kept)
/// stays "not recorded" when it is written again, as JSON Lines (`w`, `export`) or as HAR
/// (`x`, `export --har`): writing `"headers":[]` and `"body_size":0` for it would turn
/// "we do not know" into "the answer had none" on the next read.
@Suite struct ExchangeJSONLinesUnrecordedAnswerTests {
    let live = ExchangeJSONLinesTests().sample

    func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The live sample as a line of an older version: the answer without its content.
    func oldLine() throws -> String {
        var o = try object(ExchangeJSONLines.encode(live))
        var response = try #require(o["response"] as? [String: Any])
        for key in ["headers", "body", "body_base64", "body_size"] { response[key] = nil }
        o["response"] = response
        return String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self)
    }

    static let contentKeys: Set<String> = ["headers", "body", "body_base64", "body_size"]

    @Test func anOldLineSavedAgainIsStillNotRecorded() throws {
        let loaded = try ExchangeJSONLines.decode(try oldLine())
        #expect(loaded.response?.contentRecorded == false)
        let saved = ExchangeJSONLines.encode(loaded)
        let response = try #require(try object(saved)["response"] as? [String: Any])
        #expect(Set(response.keys).isDisjoint(with: Self.contentKeys))
        #expect(Set(response.keys) == ["status", "source", "duration_ms"])
        let again = try ExchangeJSONLines.decode(saved)
        #expect(again.response?.contentRecorded == false)
        #expect(again.response == loaded.response)
        #expect(again.response?.status == 500)
        #expect(again.response?.source == .rule)
    }

    @Test func aLiveAnswerStillRoundTripsWithItsHeadersAndBody() throws {
        let line = ExchangeJSONLines.encode(live)
        let response = try #require(try object(line)["response"] as? [String: Any])
        #expect(Self.contentKeys.subtracting(["body_base64"]).isSubset(of: Set(response.keys)))
        let back = try ExchangeJSONLines.decode(line)
        #expect(back.response?.contentRecorded == true)
        #expect(back.response?.headers == live.response?.headers)
        #expect(back.response?.body == live.response?.body)
        // Saved again, still the same.
        #expect(try ExchangeJSONLines.decode(ExchangeJSONLines.encode(back)).response == back.response)

        // A real answer with no headers and no body says so, and is read back as such.
        var bare = live
        bare.response?.headers = []
        bare.response?.body = []
        let bareResponse = try #require(try object(ExchangeJSONLines.encode(bare))["response"] as? [String: Any])
        #expect(bareResponse["headers"] as? [Any] != nil)
        #expect(bareResponse["body_size"] as? Int == 0)
        #expect(try ExchangeJSONLines.decode(ExchangeJSONLines.encode(bare)).response?.contentRecorded == true)
    }

    /// A hand-written or another tool's line may give the answer's body without `headers`
    /// (optional when reading): the body is there, so the answer is recorded, with no
    /// headers (review 18b L3).
    @Test func aForeignLineWithAnAnswerBodyButNoHeadersIsRecorded() throws {
        for (member, value, bytes) in [("body", "busy" as Any, Array("busy".utf8)), ("body_base64", "AP8=" as Any, [0x00, 0xFF] as [UInt8])] {
            var o = try object(try oldLine())
            var response = try #require(o["response"] as? [String: Any])
            response[member] = value
            o["response"] = response
            let line = String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self)
            let loaded = try #require(try ExchangeJSONLines.decode(line).response)
            #expect(loaded.contentRecorded, "\(member)")
            #expect(loaded.body == bytes)
            #expect(loaded.headers.isEmpty)
        }
    }

    @Test func anOldLineExportedAsHARIsStillNotRecordedWhenLoaded() throws {
        let loaded = try ExchangeJSONLines.decode(try oldLine())
        let har = HARExport.encode([loaded])
        let entry = try #require(((try object(har)["log"] as? [String: Any])?["entries"] as? [[String: Any]])?.first)
        let response = try #require(entry["response"] as? [String: Any])
        #expect(response["bodySize"] as? Int == -1)
        #expect(response["comment"] as? String == "headers and body not recorded")
        let ours = try #require((entry["_hookscope"] as? [String: Any])?["response"] as? [String: Any])
        #expect(ours["content_recorded"] as? Bool == false)

        let back = HARImport.decode(har)
        #expect(back.problems.isEmpty)
        #expect(back.exchanges.first?.response == loaded.response)
        #expect(back.exchanges.first?.response?.contentRecorded == false)
    }

    @Test func aLiveAnswerExportedAsHARLoadsWithItsHeadersAndBody() throws {
        let har = HARExport.encode([live])
        let entry = try #require(((try object(har)["log"] as? [String: Any])?["entries"] as? [[String: Any]])?.first)
        let response = try #require(entry["response"] as? [String: Any])
        #expect(response["bodySize"] as? Int == live.response?.body.count)
        #expect(response["comment"] == nil)
        let ours = try #require((entry["_hookscope"] as? [String: Any])?["response"] as? [String: Any])
        #expect(ours["content_recorded"] == nil)

        let back = try #require(HARImport.decode(har).exchanges.first?.response)
        #expect(back.contentRecorded == true)
        #expect(back.headers == live.response?.headers)
        #expect(back.body == live.response?.body)
    }
}

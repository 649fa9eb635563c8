import Foundation
import HookscopeCore
import Testing
@testable import HookscopeTUI

/// An answer whose headers and body the record does not carry is said to be not recorded,
/// not drawn as "(no headers)" and "── no body ──", which claim an answer that had none.
/// The JSON Lines' `forward` object (a save file, the store) keeps the app's status and
/// timing only, so a forward the sender did not get (a rule, or a held request decided
/// otherwise) lost the app's headers and body on the way back; a line saved before the
/// answer's content was kept has none of the answer's.
@Suite struct UnrecordedAnswerScreenTests {
    static func responseTab(_ exchange: Exchange) -> [String] {
        Fixtures.render(ReadBackForwardScreenTests.responseTab(exchange))
    }

    /// A rule answered 503 while the app, still called, said 200; as a save file or the
    /// store gives it back.
    static func overriddenReadBack() throws -> Exchange {
        var overridden = ForwardFixtures.overridden(seconds: 0)
        overridden.upstream?.route = "default"
        return try ReadBackForwardScreenTests.readBack(overridden)
    }

    @Test func anOverriddenForwardReadBackSaysTheAppsHeadersAndBodyWereNotRecorded() throws {
        let lines = Self.responseTab(try Self.overriddenReadBack())
        expectScreen(lines, top: """
        \(ReadBackForwardScreenTests.top100)
         1 Request   2 Signature   3 Response   4 Attempts    #1 ✓
        Sender got 503 (rule) · your app said 200

        Status    503  (rule)
        Took      0.3 ms from the request's last byte to the answer

        Retry-After: 30

        ── body · 9 B · raw text (m: next view) ──
        try later

        ── your app ──
        Sent to   http://127.0.0.1:3000/hooks/productive
        Status    200
        Took      2.8 ms from sending to the answer's last byte

        headers and body not recorded (the record keeps your app's status and timing only)
        """, hints: Hints.detail100)
        #expect(!lines.contains { $0.contains("(no headers)") || $0.contains("no body") })
    }

    @Test func aLiveAppAnswerWithNoHeadersAndNoBodyStillSaysSo() throws {
        // The truth for an answer that really had none, which the app's section keeps.
        var bare = ForwardFixtures.overridden(seconds: 0)
        bare.upstream?.headers = []
        bare.upstream?.body = []
        let lines = Self.responseTab(bare)
        let app = try #require(lines.firstIndex(of: "── your app ──"))
        #expect(Array(lines[app...].prefix(7)) == [
            "── your app ──",
            "Sent to   http://127.0.0.1:3000/hooks/productive",
            "Status    200",
            "Took      2.8 ms from sending to the answer's last byte",
            "",
            "(no headers)",
            "",
        ])
        #expect(lines.contains("── no body ──"))
        #expect(!lines.contains { $0.contains("not recorded") })
    }

    /// A relayed forward saved before the answer's headers and body were kept: the app's
    /// answer, relayed, whose content the line does not have.
    @Test func aRelayedAnswerFromAnOldLineSaysItsHeadersAndBodyWereNotRecorded() throws {
        var relayed = ForwardFixtures.relayed()
        relayed.upstream?.route = "default"
        let line = ExchangeJSONLines.encode(relayed)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var response = try #require(object["response"] as? [String: Any])
        for key in ["headers", "body", "body_base64", "body_size"] { response[key] = nil }
        object["response"] = response
        let old = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let loaded = try ExchangeJSONLines.decode(old)
        let lines = Self.responseTab(loaded)
        // Saved again (`w`) and loaded, or exported as HAR (`x`) and loaded: the same screen,
        // not an answer that had no headers and no body.
        let savedAgain = try ExchangeJSONLines.decode(ExchangeJSONLines.encode(loaded))
        #expect(Self.responseTab(savedAgain) == lines)
        // HAR import reads `_hookscope.forward` back (review 18b L5): the forward's lines too.
        let fromHAR = Self.responseTab(try #require(HARImport.decode(HARExport.encode([loaded])).exchanges.first))
        #expect(fromHAR == lines)
        expectScreen(lines, top: """
        \(ReadBackForwardScreenTests.top100)
         1 Request   2 Signature   3 Response   4 Attempts    #1 ✓
        Forwarded to http://127.0.0.1:3000/hooks/productive: the sender got your app's answer, relayed

        Status    200  (forward)
        Took      3.1 ms from the request's last byte to the answer; your app took 2.8 ms

        headers and body not recorded (saved before hookscope kept the answer's)
        """, hints: Hints.detail100)
    }

    @Test func aRelayedAnswerWithItsHeadersKeptShowsThem() throws {
        // A line of today: the answer's headers and body are in it, and shown.
        var relayed = ForwardFixtures.relayed()
        relayed.upstream?.route = "default"
        let lines = Self.responseTab(try ReadBackForwardScreenTests.readBack(relayed))
        #expect(lines.contains("Content-Type: application/json"))
        #expect(!lines.contains { $0.contains("not recorded") })
    }
}

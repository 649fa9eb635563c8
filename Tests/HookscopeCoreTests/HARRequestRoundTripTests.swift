import Foundation
import Testing
@testable import HookscopeCore

/// Our own archive (`x`, `export --har`) loaded back (`--load out.har`) gives the request
/// line and headers the Request tab showed, also when HAR's URL cannot carry them: the URL
/// is rebuilt from the Host header, so a request without one came back with `Host:
/// localhost` it never sent, a target that is not a path (`OPTIONS *`, a proxy's
/// absolute form) gained a `/`, and a Host header with a `/` or `?` in it moved part of
/// itself into the target. `_hookscope` now keeps the path and query as the JSON Lines do.
@Suite struct HARRequestRoundTripTests {
    static func request(_ target: String, method: String = "POST", headers: [HeaderField]) -> Exchange {
        Exchange(
            id: 5, receivedAt: Timestamp(rfc3339: "2026-11-23T19:05:02.123Z")!, remote: "127.0.0.1:50000",
            method: method, target: target, headers: headers, body: Array("abc".utf8),
            response: ExchangeResponse(status: 200, headers: [HeaderField("Content-Type", "text/plain")], body: Array("ok".utf8),
                                       source: .default, durationMilliseconds: 0.4)
        )
    }

    static let cases: [Exchange] = [
        request("/hooks", headers: [HeaderField("Content-Length", "3")]),
        request("*", method: "OPTIONS", headers: [HeaderField("Host", "127.0.0.1:8080")]),
        request("http://example.test/x?y=1", method: "GET", headers: [HeaderField("Host", "127.0.0.1:8080")]),
        request("/hooks?a=1", headers: [HeaderField("Host", "h/evil?x=2")]),
        request("/hooks#part", headers: [HeaderField("Host", "127.0.0.1:8080")]),
        request("/hooks?", headers: [HeaderField("Host", "127.0.0.1:8080")]),
    ]

    @Test(arguments: cases)
    func theRequestComesBackAsItWasSent(_ exchange: Exchange) throws {
        let back = HARImport.decode(HARExport.encode([exchange]))
        #expect(back.problems.isEmpty)
        let loaded = try #require(back.exchanges.first)
        #expect(loaded.target == exchange.target)
        #expect(loaded.headers == exchange.headers)
        #expect(loaded == exchange)
    }

    @Test func anArchiveWithoutThePathStillReadsTheURL() throws {
        // Written before `_hookscope` kept the path: the URL's path and query, as before.
        let exchange = Self.request("/hooks?a=1", headers: [HeaderField("Host", "127.0.0.1:8080")])
        var root = try #require(try JSONSerialization.jsonObject(with: Data(HARExport.encode([exchange]).utf8)) as? [String: Any])
        var log = try #require(root["log"] as? [String: Any])
        var entry = try #require((log["entries"] as? [[String: Any]])?.first)
        var ours = try #require(entry["_hookscope"] as? [String: Any])
        ours["path"] = nil
        ours["query"] = nil
        entry["_hookscope"] = ours
        log["entries"] = [entry]
        root["log"] = log
        let old = String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
        #expect(HARImport.decode(old).exchanges.first == exchange)
    }
}

import Foundation
import Testing
@testable import HookscopeCore

@Suite struct HARExportTests {
    static let textExchange = Exchange(
        id: 7,
        receivedAt: Timestamp(nanosecondsSinceEpoch: 1_629_793_288_123_000_000),
        remote: "127.0.0.1:50123",
        method: "POST",
        target: "/hooks/teamwork?debug=1&name=J%C3%BCrgen+x",
        headers: [
            HeaderField("Host", "127.0.0.1:8080"), HeaderField("Content-Type", "application/json"),
            HeaderField("X-Dup", "a"), HeaderField("x-dup", "b"), HeaderField("Content-Length", "21"),
        ],
        body: Array(#"{"id":1,"name":"Zoë"}"#.utf8),
        analysis: ExchangeAnalysis(
            provider: "teamwork", event: "deals.created", deliveryID: "9b2f",
            signature: SignatureVerdict(status: .valid, scheme: "hmac-sha256-hex", header: "Signature", reason: "matches"),
            attempt: 2
        ),
        response: ExchangeResponse(
            status: 503, headers: [HeaderField("Retry-After", "30"), HeaderField("Content-Type", "text/plain")],
            body: Array("busy".utf8), source: .rule, durationMilliseconds: 12.5
        )
    )

    static let binaryExchange = Exchange(
        id: 8,
        receivedAt: Timestamp(nanosecondsSinceEpoch: 1_629_793_289_000_000_000),
        remote: "127.0.0.1:50124",
        method: "PUT",
        target: "/bin",
        headers: [HeaderField("Host", "example.test"), HeaderField("Content-Length", "6")],
        body: [0x00, 0xFF, 0xFE, 0x41, 0x0A, 0x1B],
        response: ExchangeResponse(status: nil, source: .default, durationMilliseconds: 3000)
    )

    func archive(_ exchanges: [Exchange], baseURL: String? = nil) throws -> [String: Any] {
        let text = HARExport.encode(exchanges, baseURL: baseURL)
        return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every field HAR 1.2 marks as required, with its type.
    func checkRequiredFields(_ root: [String: Any]) throws {
        let log = try #require(root["log"] as? [String: Any])
        #expect(log["version"] as? String == "1.2")
        let creator = try #require(log["creator"] as? [String: Any])
        #expect(creator["name"] is String && creator["version"] is String)
        let entries = try #require(log["entries"] as? [[String: Any]])
        for entry in entries {
            let started = try #require(entry["startedDateTime"] as? String)
            #expect(Timestamp(rfc3339: started) != nil)
            let time = try #require(entry["time"] as? Double)
            let request = try #require(entry["request"] as? [String: Any])
            for key in ["method", "url", "httpVersion"] { #expect(request[key] is String, "request.\(key)") }
            for key in ["cookies", "headers", "queryString"] { #expect(request[key] is [[String: Any]], "request.\(key)") }
            for key in ["headersSize", "bodySize"] { #expect(request[key] is Int, "request.\(key)") }
            if let postData = request["postData"] as? [String: Any] { #expect(postData["mimeType"] is String) }
            let response = try #require(entry["response"] as? [String: Any])
            for key in ["statusText", "httpVersion", "redirectURL"] { #expect(response[key] is String, "response.\(key)") }
            for key in ["status", "headersSize", "bodySize"] { #expect(response[key] is Int, "response.\(key)") }
            for key in ["cookies", "headers"] { #expect(response[key] is [[String: Any]], "response.\(key)") }
            let content = try #require(response["content"] as? [String: Any])
            #expect(content["size"] is Int && content["mimeType"] is String)
            #expect(entry["cache"] is [String: Any])
            let timings = try #require(entry["timings"] as? [String: Double])
            for key in ["send", "wait", "receive"] { #expect(timings[key] != nil, "timings.\(key)") }
            // The spec: time is the sum of the timings that apply (-1 means not applicable).
            #expect(abs(timings.values.filter { $0 >= 0 }.reduce(0, +) - time) < 0.001)
        }
    }

    @Test func archiveHasEveryRequiredFieldOfHAR12() throws {
        try checkRequiredFields(try archive([Self.textExchange, Self.binaryExchange]))
    }

    @Test func requestAndResponseAreDescribedExactly() throws {
        let entries = try #require((try archive([Self.textExchange])["log"] as? [String: Any])?["entries"] as? [[String: Any]])
        let entry = try #require(entries.first)
        let request = try #require(entry["request"] as? [String: Any])
        #expect(request["url"] as? String == "http://127.0.0.1:8080/hooks/teamwork?debug=1&name=J%C3%BCrgen+x")
        let headers = try #require(request["headers"] as? [[String: String]])
        #expect(headers.map { $0["name"]! } == ["Host", "Content-Type", "X-Dup", "x-dup", "Content-Length"])
        #expect(headers.map { $0["value"]! } == ["127.0.0.1:8080", "application/json", "a", "b", "21"])
        let query = try #require(request["queryString"] as? [[String: String]])
        #expect(query == [["name": "debug", "value": "1"], ["name": "name", "value": "Jürgen x"]])
        let postData = try #require(request["postData"] as? [String: Any])
        #expect(postData["text"] as? String == #"{"id":1,"name":"Zoë"}"#)
        #expect(postData["mimeType"] as? String == "application/json")
        #expect(request["bodySize"] as? Int == Self.textExchange.body.count)
        #expect(request["headersSize"] as? Int == RawHTTPExport.head(of: Self.textExchange).count)
        let response = try #require(entry["response"] as? [String: Any])
        #expect(response["status"] as? Int == 503)
        #expect(response["statusText"] as? String == "Service Unavailable")
        let content = try #require(response["content"] as? [String: Any])
        #expect(content["text"] as? String == "busy")
        #expect(content["mimeType"] as? String == "text/plain")
        #expect(entry["time"] as? Double == 12.5)
    }

    @Test func baseURLReplacesTheHostHeader() throws {
        let entries = try #require((try archive([Self.binaryExchange], baseURL: "http://127.0.0.1:3000/")["log"] as? [String: Any])?["entries"] as? [[String: Any]])
        #expect((entries[0]["request"] as? [String: Any])?["url"] as? String == "http://127.0.0.1:3000/bin")
    }

    @Test func archiveReadsBackToTheSameExchanges() throws {
        let text = HARExport.encode([Self.textExchange, Self.binaryExchange])
        #expect(HARImport.looksLikeHAR(text))
        let contents = ExchangeFile.decode(text)
        #expect(contents.format == .har)
        #expect(contents.problems.isEmpty)
        #expect(contents.exchanges == [Self.textExchange, Self.binaryExchange])
    }

    @Test func aBrowsersArchiveLoadsTooAndBadEntriesAreReported() throws {
        let browser = """
        {"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[
         {"startedDateTime":"2024-03-06T23:47:50.839+01:00","time":31.2,
          "request":{"method":"POST","url":"https://app.example/api/hook?x=1#frag","httpVersion":"http/1.1",
            "headers":[{"name":"content-type","value":"text/plain"}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":5,
            "postData":{"mimeType":"text/plain","text":"hello"}},
          "response":{"status":201,"statusText":"Created","httpVersion":"http/1.1","headers":[],"cookies":[],
            "content":{"size":2,"mimeType":"text/plain","text":"b2s=","encoding":"base64"},"redirectURL":"","headersSize":-1,"bodySize":2},
          "cache":{},"timings":{"send":1,"wait":30,"receive":0.2}},
         {"startedDateTime":"yesterday","request":{"method":"GET","url":"http://x/"}}
        ]}}
        """
        let contents = ExchangeFile.decode(browser)
        #expect(contents.format == .har)
        #expect(contents.exchanges.count == 1)
        let exchange = try #require(contents.exchanges.first)
        #expect(exchange.id == 1)
        #expect(exchange.method == "POST")
        #expect(exchange.target == "/api/hook?x=1")
        #expect(exchange.body == Array("hello".utf8))
        #expect(exchange.httpVersion == "HTTP/1.1")
        #expect(exchange.receivedAt == Timestamp(rfc3339: "2024-03-06T22:47:50.839Z"))
        #expect(exchange.response?.status == 201)
        #expect(exchange.response?.body == Array("ok".utf8))
        #expect(contents.problems.map(\.line) == [2])
    }

    @Test func jsonLinesAreNotMistakenForHAR() {
        let line = ExchangeJSONLines.encode(Self.textExchange)
        #expect(!HARImport.looksLikeHAR(line))
        let contents = ExchangeFile.decode(line + "\n" + line + "\n")
        #expect(contents.format == .jsonLines)
        #expect(contents.exchanges.count == 2)
    }

    @Test func urlTargetKeepsPathAndQuery() {
        #expect(HARImport.target(of: "http://h:1/a/b?c=d") == "/a/b?c=d")
        #expect(HARImport.target(of: "http://h:1") == "/")
        #expect(HARImport.target(of: "http://h:1?q") == "/?q")
    }
}

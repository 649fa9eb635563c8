import Foundation
import Testing
@testable import HookscopeCore

/// What browsers' archives carry differently from a wire request, and the cookies HAR has
/// a place for (#12 point 16).
@Suite struct HARBrowserArchiveTests {
    static func entry(_ request: String) -> String {
        """
        {"log":{"version":"1.2","creator":{"name":"Firefox","version":"133"},"entries":[
         {"startedDateTime":"2024-03-06T23:47:50.839+01:00","time":3,"request":\(request),
          "response":{"status":200,"statusText":"OK","httpVersion":"h2","headers":[],"cookies":[],
            "content":{"size":0,"mimeType":"text/plain"},"redirectURL":"","headersSize":-1,"bodySize":0},
          "cache":{},"timings":{"send":0,"wait":3,"receive":0}}]}}
        """
    }

    static func load(_ request: String) throws -> Exchange {
        let contents = ExchangeFile.decode(entry(request))
        #expect(contents.problems.isEmpty, "\(contents.problems)")
        return try #require(contents.exchanges.first)
    }

    static func exportedRequest(_ exchange: Exchange) throws -> [String: Any] {
        let har = try #require(JSONSerialization.jsonObject(with: Data(HARExport.encode([exchange]).utf8)) as? [String: Any])
        let entry = try #require(((har["log"] as? [String: Any])?["entries"] as? [[String: Any]])?.first)
        return try #require(entry["request"] as? [String: Any])
    }

    @Test func cookiesAreFilledFromTheCookieHeader() throws {
        var exchange = try Self.load(#"{"method":"GET","url":"http://a.example/","headers":[{"name":"Cookie","value":"a=b; c=d;e = f "}]}"#)
        exchange.response?.headers = [HeaderField("Set-Cookie", "sid=42; Path=/; HttpOnly"), HeaderField("Set-Cookie", "theme=dark")]
        let request = try Self.exportedRequest(exchange)
        #expect(request["cookies"] as? [[String: String]] == [["name": "a", "value": "b"], ["name": "c", "value": "d"], ["name": "e", "value": "f"]])
        let har = try #require(JSONSerialization.jsonObject(with: Data(HARExport.encode([exchange]).utf8)) as? [String: Any])
        let response = (((har["log"] as? [String: Any])?["entries"] as? [[String: Any]])?.first?["response"] as? [String: Any])
        #expect(response?["cookies"] as? [[String: String]] == [["name": "sid", "value": "42"], ["name": "theme", "value": "dark"]])
    }

    @Test func aFormKeptOnlyAsParamsIsRebuilt() throws {
        let form = try Self.load(#"""
        {"method":"POST","url":"https://a.example/f","headers":[{"name":"Content-Type","value":"application/x-www-form-urlencoded"}],
         "postData":{"mimeType":"application/x-www-form-urlencoded","params":[{"name":"q","value":"a b&c=d"},{"name":"ü","value":"*-._~"}]}}
        """#)
        #expect(String(decoding: form.body, as: UTF8.self) == "q=a+b%26c%3Dd&%C3%BC=*-._%7E")
        let multipart = try Self.load(#"""
        {"method":"POST","url":"https://a.example/f","headers":[],
         "postData":{"mimeType":"multipart/form-data; boundary=\"XyZ\"","params":[{"name":"a","value":"1"},{"name":"f","value":"hi","fileName":"h.txt","contentType":"text/plain"}]}}
        """#)
        #expect(String(decoding: multipart.body, as: UTF8.self) == "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"h.txt\"\r\nContent-Type: text/plain\r\n\r\nhi\r\n--XyZ--\r\n")
        let bad = ExchangeFile.decode(Self.entry(#"{"method":"POST","url":"http://a/","postData":{"mimeType":"x","params":[{"value":"1"}]}}"#))
        #expect(bad.exchanges.isEmpty)
        #expect(bad.problems.first?.message.contains("params[0] has no name") == true)
    }

    @Test func pseudoHeadersGoIntoTheURLAndSchemeAndHostAreKept() throws {
        let exchange = try Self.load(#"""
        {"method":"POST","url":"https://example.com/?a=1","httpVersion":"h2","headers":[
          {"name":":method","value":"POST"},{"name":":authority","value":"example.com"},{"name":":scheme","value":"https"},
          {"name":":path","value":"/?a=1"},{"name":"content-type","value":"text/plain"}],"postData":{"mimeType":"text/plain","text":"x"}}
        """#)
        #expect(exchange.headers == [HeaderField("Host", "example.com"), HeaderField("content-type", "text/plain")])
        #expect(exchange.target == "/?a=1")
        #expect(try Self.exportedRequest(exchange)["url"] as? String == "https://example.com/?a=1")
        #expect(CurlExport.command(for: exchange).contains(":authority") == false)
        // Through the store's own archive and back, the scheme stays.
        let again = try #require(ExchangeFile.decode(HARExport.encode([exchange])).exchanges.first)
        #expect(again.url() == "https://example.com/?a=1")
        // A URL with user information and a port: the host is the authority without it.
        let other = try Self.load(#"{"method":"GET","url":"http://u:p@h.example:8443/x","headers":[]}"#)
        #expect(other.headers == [HeaderField("Host", "h.example:8443")])
        #expect(other.scheme == nil)
    }
}

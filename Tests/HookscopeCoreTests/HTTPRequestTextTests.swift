import Testing
@testable import HookscopeCore

@Suite struct HTTPRequestTextTests {
    let original = Exchange(
        id: 3, receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "127.0.0.1:1", method: "POST",
        target: "/hooks?x=1",
        headers: [HeaderField("Host", "h"), HeaderField("X-Dup", "a"), HeaderField("X-Dup", "b"), HeaderField("Content-Length", "9"), HeaderField("X-Empty", "")],
        body: Array("{\"a\":1}\r\n".utf8)
    )

    @Test func unchangedTextGivesBackTheSameRequest() throws {
        for body in [Array("{\"a\":1}\r\n".utf8), Array("no newline".utf8), [], Array("two\n\n".utf8), [0xFF, 0x00, 0x0A]] {
            var exchange = original
            exchange.body = body
            exchange.headers[3] = HeaderField("Content-Length", String(body.count))
            exchange.bodySize = body.count
            let text = HTTPRequestText.format(exchange)
            #expect(try HTTPRequestText.apply(text, to: exchange) == exchange)
        }
    }

    @Test func editsChangeTheRequestAndContentLengthFollowsTheBody() throws {
        let text = Array("PUT /other HTTP/1.1\nHost: h\nX-New:  spaced value \ncontent-length: 9\n\n{\"a\":22}\n".utf8)
        let edited = try #require(try HTTPRequestText.apply(text, to: original))
        #expect(edited.method == "PUT")
        #expect(edited.target == "/other")
        #expect(edited.headers == [HeaderField("Host", "h"), HeaderField("X-New", "spaced value"), HeaderField("content-length", "8")])
        #expect(edited.body == Array("{\"a\":22}".utf8))
        #expect(edited.id == original.id)
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        let text = Array("GET / HTTP/1.1\r\nA: 1\r\n\r\nbody\n".utf8)
        let edited = try #require(try HTTPRequestText.apply(text, to: original))
        #expect(edited.headers == [HeaderField("A", "1")])
        #expect(edited.body == Array("body".utf8))
    }

    @Test func emptyTextCancels() throws {
        #expect(try HTTPRequestText.apply([], to: original) == nil)
        #expect(try HTTPRequestText.apply(Array(" \n\n".utf8), to: original) == nil)
    }

    @Test func brokenTextIsRefusedWithAReason() {
        #expect(throws: HTTPRequestText.ParseError.self) { try HTTPRequestText.apply(Array("POST /x\n\n".utf8), to: original) }
        #expect(throws: HTTPRequestText.ParseError.self) { try HTTPRequestText.apply(Array("POST /x HTTP/1.1\nno colon here\n\n".utf8), to: original) }
        #expect(throws: HTTPRequestText.ParseError.self) { try HTTPRequestText.apply(Array("P(ST /x HTTP/1.1\n\n".utf8), to: original) }
    }

    @Test func rawExportParsesBackAsTheSameRequest() throws {
        let raw = try RawHTTPRequest(parsing: RawHTTPExport.bytes(of: original))
        #expect(raw.method == original.method)
        #expect(raw.target == original.target)
        #expect(raw.headers == original.headers)
        #expect(raw.body == original.body)
    }

    @Test func rawExportRechunksAChunkedBody() {
        var chunked = original
        chunked.headers = [HeaderField("Host", "h"), HeaderField("Transfer-Encoding", "chunked")]
        chunked.body = Array("hello world".utf8)
        let text = String(decoding: RawHTTPExport.bytes(of: chunked), as: UTF8.self)
        #expect(text.hasSuffix("\r\n\r\nb\r\nhello world\r\n0\r\n\r\n"))
    }
}

import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

/// Every status the answer parser accepts goes out on a real socket (issue #12, points 1
/// and 5): the server answers it and keeps serving, and answers without content carry none.
@Suite(.offThePool) struct AnswerStatusWireTests {
    @Test func everyAcceptedStatusFrom100To999IsAnsweredOnTheWire() async throws {
        let server = try await TestServer()
        var client = try RawHTTPClient(port: server.port)
        var sent = 0
        for code in 100...999 {
            guard let spec = try? AnswerSpecParser.parseStep("\(code)") else { continue }
            server.server.plan.replace(with: ResponsePlan(defaultAnswer: spec))
            // Each request is followed by a second one on the same connection: a stray body
            // after a 204 or 304 would be read as the start of the second answer.
            try client.send("POST /s/\(code) HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
            let response = try client.readResponse()
            #expect(response.status == code)
            if AnswerStatus.allowsBody(code) {
                #expect(String(decoding: response.body, as: UTF8.self).contains("\"captured\":true"), "\(code)")
            } else if code == 205 {
                // No content, but framed: a 205 without a length is read until the close.
                #expect(response.header("Content-Length") == "0")
                #expect(response.body.isEmpty)
                #expect(response.header("Content-Type") == nil)
            } else {
                #expect(response.header("Content-Length") == nil, "\(code)")
                #expect(response.header("Content-Type") == nil, "\(code)")
            }
            sent += 1
            if sent % 100 == 0 { client = try RawHTTPClient(port: server.port) }
        }
        #expect(sent == 800)
        try client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 999)
        let done = try server.waitForCompleted(801)
        #expect(done.compactMap { $0.response?.status }.count == 801)
        await server.stop()
    }

    @Test func noBodyGoesOutWith204Or304OrToHEADWhateverTheSpecSays() async throws {
        for spec in ["204", "205", "304", "204/trickle=2:1"] {
            let answer = try AnswerSpecParser.parseStep(spec, body: "a body that must not be sent")
            let server = try await TestServer(plan: ResponsePlan(defaultAnswer: answer))
            let client = try RawHTTPClient(port: server.port)
            try client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
            #expect(try client.readResponse().status == answer.status)
            server.server.plan.replace(with: ResponsePlan(status: 200))
            try client.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            let next = try client.readResponse()
            #expect(next.status == 200, "after \(spec): \(next.statusLine)")
            let stored = try server.waitForCompleted(2)
            #expect(stored[0].response?.body.isEmpty == true)
            await server.stop()
        }
        // A trickled answer to HEAD sends the head only, like every other answer to HEAD.
        let server = try await TestServer(plan: ResponsePlan(defaultAnswer: try AnswerSpecParser.parseStep("200/trickle=4:1")))
        let client = try RawHTTPClient(port: server.port)
        try client.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse(isHEAD: true).status == 200)
        let next = try client.readResponse()
        #expect(next.statusLine.hasPrefix("HTTP/1.1 200"), "\(next.statusLine)")
        #expect(String(decoding: next.body, as: UTF8.self).contains("\"id\":2"))
        await server.stop()
    }
}

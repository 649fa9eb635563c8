import Testing
@testable import HookscopeCore

/// What a sender gets through the self-hosted tunnel: the app's answer as it is, and for
/// anything else a neutral line that names nobody (no user@host, no address on a laptop);
/// the detail stays in the record.
@Suite struct RemoteForwardAnswerSenderTests {
    static let secrets = ["ana@laptop", "localhost:3000", "127.0.0.1", "10.1.2.3"]

    func expectNothingNamed(_ body: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let text = String(decoding: body, as: UTF8.self)
        for secret in Self.secrets {
            #expect(!text.contains(secret), "the sender's body names \(secret): \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func theAppsOwnAnswerPassesUnchanged() {
        let body = Array("ana@laptop said hi from http://localhost:3000".utf8)
        let app = RemoteForwardAnswer(
            answer: PlannedAnswer(status: 201, headers: [HeaderField("X-App", "laptop")], body: body, source: .forward),
            upstream: UpstreamResponse(url: "http://localhost:3000/x", status: 201, durationMilliseconds: 3, forwardedBy: "ana@laptop"))
        #expect(app.forSender == app, "what the app itself says is the app's business")
    }

    /// The forwarder's explanations (Forwarder's 502/504/508 and the claimer's 'no route'),
    /// as they come from a forwarder of this version or an older one.
    @Test(arguments: [
        (502, "hookscope: cannot reach the upstream http://localhost:3000: connection refused; is the app running?\n",
         "hookscope: the delivery could not be forwarded to the app\n"),
        (504, "hookscope: the upstream http://10.1.2.3:8080 did not answer within 30000 ms (--forward-timeout)\n",
         "hookscope: the app did not answer in time\n"),
        (508, "hookscope: forwarding loop: this request already passed through this hookscope (Via: 1.1 hookscope-0a1b2c3d)\n",
         "hookscope: forwarding loop\n"),
        (502, "hookscope: the forwarder ana@laptop has no route for this delivery\n",
         "hookscope: the delivery could not be forwarded to the app\n"),
    ])
    func hookscopesOwnExplanationBecomesANeutralLineAndStaysInTheRecord(_ example: (Int, String, String)) {
        let (status, explanation, neutral) = example
        let made = RemoteForwardAnswer(
            answer: PlannedAnswer(status: status, headers: [HeaderField("Content-Type", "text/plain; charset=utf-8"), HeaderField("Via", "1.1 hookscope-0a1b2c3d")],
                                  body: Array(explanation.utf8), source: .error),
            upstream: UpstreamResponse(url: "http://localhost:3000/hooks", status: nil, durationMilliseconds: 1, forwardedBy: "ana@laptop"))
        let sent = made.forSender
        #expect(sent.answer.status == status)
        #expect(String(decoding: sent.answer.body, as: UTF8.self) == neutral)
        #expect(sent.answer.headers == [HeaderField("Content-Type", "text/plain; charset=utf-8")])
        #expect(sent.answer.source == .error)
        expectNothingNamed(sent.answer.body)
        // An explanation with no `error` beside it (an older forwarder) is kept there.
        #expect(sent.upstream.error == String(explanation.dropLast()))
        #expect(sent.upstream.url == "http://localhost:3000/hooks" && sent.upstream.forwardedBy == "ana@laptop")
        #expect(sent.forSender == sent, "applied at both ends, the second time changes nothing")
    }

    @Test func aReasonAlreadyRecordedIsKept() {
        let made = RemoteForwardAnswer(
            answer: PlannedAnswer(status: 502, source: .error),
            upstream: UpstreamResponse(url: "via the shared store", status: nil, durationMilliseconds: 0,
                                       error: "the forwarder ana@laptop has no route for this delivery", forwardedBy: "ana@laptop"))
        let sent = made.forSender
        #expect(sent.upstream.error == "the forwarder ana@laptop has no route for this delivery")
        #expect(String(decoding: sent.answer.body, as: UTF8.self) == "hookscope: the delivery could not be forwarded to the app\n")
    }
}

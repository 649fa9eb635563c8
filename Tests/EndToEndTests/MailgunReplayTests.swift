import Foundation
import HookscopeCore
import Testing
import TestSupport

/// `hookscope replay --resign` of a captured Mailgun delivery, whose signature is in the
/// body: captured by one listener, replayed into another; what arrived is checked by
/// scripts/verify-catalogue-delivery.py (Python's hmac, no code shared with hookscope) and
/// must equal the captured body byte for byte outside the three re-signed values.
@Suite(.serialized, .offThePool) struct MailgunReplayTests {
    /// The stale vector of Vectors/mailgun.json (made by Python's hmac, not by hookscope),
    /// signed in 2023: long past any tolerance.
    static let secret = "mailgun_secret_b555592a1435"
    static let body = #"{"signature":{"token":"206af189dd06a2bbee4cfcf0c704de202a8b71718c83e49888","timestamp":"1699999580","signature":"1c7a177a43508ce810be53efd2e259b13822f4bffe066d4defb43cf69ec3b308"},"event-data":{"event":"mailgun.event_a","id":"mailgun_delivery_a_5dd8e214fc"}}"#
    let environment = ProviderEndToEndTests.isolated

    @Test func resignedReplayWritesAFreshSignatureIntoTheBody() throws {
        let save = HookscopeCommand.temporaryPath("mailgun-captures.jsonl")
        let capture = try RunningHookscope(["--json", "--save", save], environment: environment)
        _ = try ProviderTestClient.post(port: capture.port, path: "/hooks/mailgun", headers: [("Content-Type", "application/json")], body: Array(Self.body.utf8))
        _ = try Poll.until(timeout: 20) { capture.stdout.isEmpty ? nil : true }
        #expect(try capture.stop() == 0)

        let target = try RunningHookscope(["--json", "--secret", "mailgun=\(Self.secret)"], environment: environment)
        defer { _ = try? target.stop() }
        let before = Int64(Date().timeIntervalSince1970)
        let result = try HookscopeCommand.run(
            ["replay", "--from", save, "--id", "1", "--to", target.url, "--resign", "--secret", "mailgun=\(Self.secret)"], environment: environment
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("re-signed: mailgun"), "\(result.stdout)")
        let line = try Poll.until(timeout: 20) { target.stdout.split(separator: "\n").first }
        let replayed = try ExchangeJSONLines.decode(String(line))
        #expect(replayed.analysis.signature.status == .valid, "\(replayed.analysis.signature.reason ?? "")")

        // Checked by the independent verifier.
        let sent = String(decoding: replayed.body, as: UTF8.self)
        let request: [String: Any] = ["provider": "mailgun", "headers": [[String]](), "body": sent, "secret": Self.secret]
        let verdict = try RecipeKindEndToEndTests.python(JSONSerialization.data(withJSONObject: request), script: "scripts/verify-catalogue-delivery.py")
        #expect(verdict == "ok", "\(verdict) for \(sent)")

        // Fresh values, and every other byte as captured.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(replayed.body)) as? [String: Any])
        let signature = try #require(object["signature"] as? [String: String])
        let (token, stamp, digest) = (try #require(signature["token"]), try #require(signature["timestamp"]), try #require(signature["signature"]))
        #expect(token != "206af189dd06a2bbee4cfcf0c704de202a8b71718c83e49888" && token.count == 50)
        #expect((Int64(stamp) ?? 0) >= before)
        let expected = Self.body
            .replacingOccurrences(of: "206af189dd06a2bbee4cfcf0c704de202a8b71718c83e49888", with: token)
            .replacingOccurrences(of: "\"1699999580\"", with: "\"\(stamp)\"")
            .replacingOccurrences(of: "1c7a177a43508ce810be53efd2e259b13822f4bffe066d4defb43cf69ec3b308", with: digest)
        #expect(sent == expected)
    }
}

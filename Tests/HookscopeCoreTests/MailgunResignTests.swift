import Testing
@testable import HookscopeCore

/// A replay's re-sign of a recipe that carries its signature in the body (Mailgun): the
/// timestamp, the token and the signature are written into the body, every other byte as
/// captured. The delivery is the stale vector of Vectors/mailgun.json, made by
/// scripts/make-provider-vectors.py with Python's hmac (not by hookscope).
@Suite struct MailgunResignTests {
    static let secret = ProviderSecret(provider: "mailgun", value: "mailgun_secret_b555592a1435", origin: "test")
    static let staleBody = #"{"signature":{"token":"206af189dd06a2bbee4cfcf0c704de202a8b71718c83e49888","timestamp":"1699999580","signature":"1c7a177a43508ce810be53efd2e259b13822f4bffe066d4defb43cf69ec3b308"},"event-data":{"event":"mailgun.event_a","id":"mailgun_delivery_a_5dd8e214fc"}}"#

    func exchange(body: String = MailgunResignTests.staleBody) -> Exchange {
        var exchange = Exchange(id: 4, receivedAt: Timestamp(nanosecondsSinceEpoch: 1_699_999_600 * 1_000_000_000), remote: "127.0.0.1:1",
                                method: "POST", target: "/hooks/mailgun", headers: [HeaderField("Content-Type", "application/json")],
                                body: Array(body.utf8))
        exchange.analysis = ExchangeAnalysis(provider: "mailgun")
        return exchange
    }

    @Test func theReSignWritesTimestampTokenAndSignatureIntoTheBodyAndNothingElse() throws {
        let analyzer = ProviderAnalyzer(secrets: SecretRing([Self.secret]))
        let token = String(repeating: "7", count: 50)
        let prepared = try ReplayPreparation(exchange(), resign: true, analyzer: analyzer, now: 1_700_000_000, nonce: { String(repeating: "7", count: $0) })
        let text = String(decoding: prepared.body, as: UTF8.self)
        // The only parts that may differ: the three values, each as long as before.
        let pattern = #/^\{"signature":\{"token":"([0-9a-f]{50})","timestamp":"(\d+)","signature":"([0-9a-f]{64})"\},"event-data":\{"event":"mailgun.event_a","id":"mailgun_delivery_a_5dd8e214fc"\}\}$/#
        let match = try #require(text.wholeMatch(of: pattern), "\(text)")
        #expect(match.1 == token)
        #expect(match.2 == "1700000000")
        #expect(match.3 != "1c7a177a43508ce810be53efd2e259b13822f4bffe066d4defb43cf69ec3b308")
        #expect(prepared.headers == exchange().headers)
        #expect(prepared.resignedWith?.hasPrefix("mailgun") == true)
        // What a receiver with the key concludes at that moment.
        let request = SignedRequest(headers: prepared.headers, body: prepared.body, receivedAt: 1_700_000_005)
        #expect(analyzer.analyze(path: "/hooks/mailgun", request: request).signature.status == .valid)
    }

    @Test func aFreshNonceDiffersEachTime() throws {
        let analyzer = ProviderAnalyzer(secrets: SecretRing([Self.secret]))
        let first = try ReplayPreparation(exchange(), resign: true, analyzer: analyzer, now: 1_700_000_000)
        let second = try ReplayPreparation(exchange(), resign: true, analyzer: analyzer, now: 1_700_000_000)
        #expect(first.body != second.body)
        #expect(first.body.count == Self.staleBody.utf8.count)
    }

    /// The age of a signature carried in the body is read from the body, so `r` asks about
    /// a stale Mailgun delivery as it does about a stale Stripe one.
    @Test func aStaleBodyTimestampIsStaleAndCanBeReSigned() {
        let check = ReplayCheck(exchange(), analyzer: ProviderAnalyzer(secrets: SecretRing([Self.secret])), now: 1_699_999_580 + 7_200)
        #expect(check.stale)
        #expect(check.warnings.first?.hasPrefix("#4: its Mailgun signature is 2 h old") == true, "\(check.warnings)")
        #expect(check.canResign, "\(check.cannotResign ?? "")")
    }

    @Test func withoutTheTokenFieldTheReSignSaysWhatIsMissing() throws {
        let bare = exchange(body: #"{"event-data":{"event":"delivered"}}"#)
        #expect(throws: ReplayPreparation.Failure.self) {
            try ReplayPreparation(bare, resign: true, analyzer: ProviderAnalyzer(secrets: SecretRing([Self.secret])), now: 1_700_000_000)
        }
    }
}

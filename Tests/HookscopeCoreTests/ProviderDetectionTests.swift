import Testing
@testable import HookscopeCore

@Suite struct ProviderDetectionTests {
    static func analyze(_ headers: [(String, String)], body: String = "{}", path: String = "/", analyzer: ProviderAnalyzer = ProviderAnalyzer()) -> ExchangeAnalysis {
        analyzer.analyze(path: path, request: SignedRequest(headers: headers.map { HeaderField($0.0, $0.1) }, body: Array(body.utf8), receivedAt: 0))
    }

    @Test func headersWinOverPayloadShape() {
        // A ProductLift-shaped body arriving with GitHub's headers is GitHub's.
        let body = #"{"id":"x","creation_time":"t","event":"vote.created","data":{}}"#
        let analysis = Self.analyze([("X-GitHub-Event", "push")], body: body)
        #expect(analysis.provider == "github")
        #expect(analysis.event == "push")
        #expect(Self.analyze([], body: body).provider == "productlift")
    }

    @Test func payloadShapeRecognisesGitProductivityWithoutItsHeader() {
        let analysis = Self.analyze([], body: #"{"id":"evt_1","type":"developer.added","created_at":"2026-03-19T10:30:00Z","data":{}}"#)
        #expect(analysis.provider == "gitproductivity")
        #expect(analysis.deliveryID == "evt_1")
        #expect(analysis.signature.status == .unsigned)
        #expect(analysis.signature.reason == "no X-GitProductivity-Signature header; GitProductivity sends its signature there")
    }

    @Test func aShortPayloadRuleDoesNotClaimBodiesWithoutTheSendersHeaders() {
        // Asana's rule is [events], Brex's [event_type]: they tell apart senders whose
        // headers matched, and must not name the sender of any JSON body with that key.
        #expect(Self.analyze([], body: #"{"events":[]}"#).provider == nil)
        #expect(Self.analyze([], body: #"{"event_type":"x"}"#).provider == nil)
        #expect(Self.analyze([("X-Hook-Signature", "ab")], body: #"{"events":[]}"#).provider == "asana")
    }

    @Test func payloadAloneIsReadFromTheConfigFile() throws {
        let yaml = """
        providers:
          acme: { recognise: { headers: [[X-Acme]], payload: [acme_id], payload_alone: true } }
          beta: { recognise: { headers: [[X-Beta]], payload: [beta_id] } }
        """
        var settings = ProviderSettings()
        try settings.apply(ProviderConfiguration(yaml: yaml))
        let analyzer = settings.analyzer
        #expect(Self.analyze([], body: #"{"acme_id":1}"#, analyzer: analyzer).provider == "acme")
        #expect(Self.analyze([], body: #"{"beta_id":1}"#, analyzer: analyzer).provider == nil)
        #expect(throws: ProviderConfiguration.Problem.self) {
            try ProviderConfiguration(yaml: "providers:\n  acme: { recognise: { payload: [a], payload_alone: maybe } }")
        }
    }

    @Test func genericHeadersAloneAreNotTeamwork() {
        #expect(Self.analyze([("Signature", "abc")]).provider == nil)
        #expect(Self.analyze([("Signature", "abc"), ("Event", "deals.created")]).provider == "teamwork")
    }

    @Test func aPinOverridesDetection() {
        let analyzer = ProviderAnalyzer(pins: ProviderPins(paths: [("/tw", "teamwork")]))
        #expect(Self.analyze([("X-GitHub-Event", "push")], path: "/tw", analyzer: analyzer).provider == "teamwork")
        #expect(Self.analyze([("X-GitHub-Event", "push")], path: "/other", analyzer: analyzer).provider == "github")
    }

    @Test func plainTrafficIsQuiet() {
        let analysis = Self.analyze([("Content-Type", "text/plain")], body: "hello")
        #expect(analysis == ExchangeAnalysis())
        #expect(analysis.summaryText(unicode: true) == "")
    }

    @Test func analyzingAnExchangeKeepsTheAttemptNumber() {
        var exchange = Exchange(
            receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "127.0.0.1:1", method: "POST", target: "/",
            headers: [HeaderField("X-GitHub-Event", "push")], body: []
        )
        exchange.analysis.attempt = 3
        let analysis = ProviderAnalyzer().analyze(exchange)
        #expect(analysis.attempt == 3)
        #expect(analysis.provider == "github")
    }

    @Test func summaryTextMarksTheVerdictAndSanitizesTheEvent() {
        let valid = ExchangeAnalysis(provider: "teamwork", event: "deals.created", signature: SignatureVerdict(status: .valid))
        #expect(valid.summaryText(unicode: true) == "teamwork deals.created ✓ valid")
        #expect(valid.summaryText(unicode: false) == "teamwork deals.created + valid")
        let hostile = ExchangeAnalysis(provider: "github", event: "push\u{1b}[2J", signature: SignatureVerdict(status: .invalid))
        #expect(hostile.summaryText(unicode: true) == "github push\\x1b[2J ✗ invalid")
        #expect(ExchangeAnalysis(signature: SignatureVerdict(status: .malformed)).summaryText(unicode: true) == "! malformed")
        // The README's wording: the headless line says what the terminal UI says.
        #expect(ExchangeAnalysis(provider: "github", signature: SignatureVerdict(status: .noSecret)).summaryText(unicode: true) == "github ? no secret")
    }

    @Test func discoveryCandidatesAreDigestShapedHeaders() {
        let hex = String(repeating: "ab", count: 32)
        let b64 = Base64.encode([UInt8](repeating: 7, count: 32))
        let found = SignatureDiscovery.candidates(in: [
            HeaderField("X-A", hex), HeaderField("X-B", "sha256=" + b64), HeaderField("X-C", "hello"),
            HeaderField("X-D", String(repeating: "ab", count: 20)), HeaderField("X-E", b64),
        ])
        #expect(found.map(\.header) == ["X-A", "X-B", "X-E"])
        #expect(found.map(\.encoding) == [.hex, .base64, .base64])
        #expect(found.map(\.prefix) == ["", "sha256=", ""])
    }

    @Test func rawRequestFilesAreRead() throws {
        let text = "POST /hooks?x=1 HTTP/1.1\nSignature:  abc \nContent-Length: 2\n\n{}trailing"
        let request = try RawHTTPRequest(parsing: Array(text.utf8))
        #expect(request.method == "POST")
        #expect(request.target == "/hooks?x=1")
        #expect(request.headers == [HeaderField("Signature", "abc"), HeaderField("Content-Length", "2")])
        #expect(request.body == Array("{}".utf8))
        #expect(throws: RawHTTPRequest.ParseError.self) { try RawHTTPRequest(parsing: Array("no blank line".utf8)) }
        #expect(throws: RawHTTPRequest.ParseError.self) { try RawHTTPRequest(parsing: Array("GARBAGE\r\n\r\n".utf8)) }
    }

    @Test func retrySchedulesAreTheSeeds() throws {
        #expect(BuiltInProviders.gitProductivity.retries.delaysSeconds == [60, 300, 1800, 7200, 86400])
        #expect(BuiltInProviders.teamwork.retries.delaysSeconds == [60, 300, 600])
        #expect(BuiltInProviders.teamwork.retries.countsAsFailure(status: 400) == false)
        #expect(BuiltInProviders.teamwork.retries.countsAsFailure(status: 401) == true)
        #expect(BuiltInProviders.productive.retries.retryCount == 25)
        #expect(BuiltInProviders.productive.retries.windowSeconds == 48 * 3600)
        #expect(BuiltInProviders.productive.retries.delaysSeconds == nil)
        #expect(BuiltInProviders.productLift.retries.isDocumented == false)
        #expect(BuiltInProviders.productLift.retries.countsAsFailure(status: 500) == nil)
    }
}

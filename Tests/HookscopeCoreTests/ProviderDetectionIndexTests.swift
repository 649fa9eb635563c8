import Testing
@testable import HookscopeCore

/// The header index picks the same profile as walking every profile's rules in order would.
@Suite struct ProviderDetectionIndexTests {
    static let extra: [ProviderProfile] = {
        let entries = (0..<41).map { i in
            "  extra\(i):\n    recognise: { headers: [[X-Extra\(i % 7)-Signature], [X-Extra\(i)-Event, Event]] }\n"
        }
        return (try? ProviderConfiguration(yaml: "providers:\n" + entries.joined()).profiles) ?? []
    }()

    @Test func theIndexAgreesWithTheWalkOnRandomHeaderSets() {
        let profiles = Self.extra + BuiltInProviders.all
        #expect(profiles.count >= 50)   // 41 made-up entries and the catalogue (53 built-ins)
        let detection = ProviderDetection(profiles)
        let names = Set(profiles.flatMap { $0.recognition.headerRules.joined() }).sorted() + ["Content-Type", "X-Other"]
        var rng = SplitMix64(seed: 14)
        for round in 0..<2000 {
            let headers = (0..<Int.random(in: 0...4, using: &rng)).map { _ -> HeaderField in
                let name = names.randomElement(using: &rng)!
                // Header names arrive in any case.
                return HeaderField(Bool.random(using: &rng) ? name.uppercased() : name.lowercased(), "v")
            }
            let walked = profiles.indices.filter { profiles[$0].recognition.matchesHeaders(headers) }
            #expect(detection.matches(headers) == walked, "round \(round): \(headers.map(\.name))")
        }
    }

    @Test func amongSendersOfTheSameHeadersThePayloadRuleDecides() throws {
        let yaml = """
        providers:
          family-a:
            recognise: { headers: [[svix-signature]], payload: [a_only] }
          family-b:
            recognise: { headers: [[svix-signature]], payload: [b_only] }
        """
        var settings = ProviderSettings()
        try settings.apply(ProviderConfiguration(yaml: yaml))
        let headers = [HeaderField("svix-signature", "v1,x")]
        func provider(_ body: String) -> String? {
            settings.analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: Array(body.utf8), receivedAt: 0)).provider
        }
        #expect(provider(#"{"b_only":1}"#) == "family-b")
        #expect(provider(#"{"a_only":1}"#) == "family-a")
        #expect(provider(#"{"neither":1}"#) == "family-a")
        let walked = ProviderDetection(settings.profiles).matches(headers)
        #expect(walked.count == 2)
    }

    /// F6: a user's entry (the config file's come first) without a payload rule is not
    /// overtaken by a built-in with the same headers whose payload rule holds.
    @Test func aUsersEntryBeatsABuiltInWithAPayloadRule() throws {
        var settings = ProviderSettings()
        try settings.apply(ProviderConfiguration(yaml: """
            providers:
              mysvix:
                recognise: { headers: [[svix-id, svix-signature]] }
            """))
        let headers = [HeaderField("svix-id", "msg_1"), HeaderField("svix-timestamp", "1"), HeaderField("svix-signature", "v1,x")]
        // Clerk's payload rule ([data, object, type]) holds for this body.
        let body = Array(#"{"data":{},"object":"event","type":"user.created"}"#.utf8)
        let analysis = settings.analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: body, receivedAt: 0))
        #expect(analysis.provider == "mysvix")
        #expect(BuiltInProviders.all.count >= 50)
        #expect(ProviderAnalyzer().analyze(path: "/", request: SignedRequest(headers: headers, body: body, receivedAt: 0)).provider == "clerk")
    }
}

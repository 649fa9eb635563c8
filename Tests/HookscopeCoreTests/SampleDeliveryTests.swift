import Testing
@testable import HookscopeCore

@Suite struct SampleDeliveryTests {
    func make(_ provider: String, secret: String? = "s3cret-value-1", event: String? = nil, body: [UInt8]? = nil) throws -> SampleDelivery {
        var random = SystemRandomNumberGenerator()
        let profile = try #require(BuiltInProviders.named(provider))
        return try SampleDelivery(
            profile: profile, event: event, body: body,
            secret: secret.map { ProviderSecret(provider: provider, value: $0, origin: "test") },
            timestamp: 1_700_000_000, random: &random
        )
    }

    func analyze(_ delivery: SampleDelivery, provider: String) -> ExchangeAnalysis {
        let analyzer = ProviderAnalyzer(secrets: SecretRing([ProviderSecret(provider: provider, value: "s3cret-value-1", origin: "test")]))
        return analyzer.analyze(path: "/", request: SignedRequest(headers: delivery.headers, body: delivery.body, receivedAt: 1_700_000_001))
    }

    @Test func teamworkSendsEventDeliveryAndSignatureHeaders() throws {
        let delivery = try make("teamwork", event: "deals.updated")
        #expect(delivery.headers.first(named: "Event") == "deals.updated")
        #expect(delivery.headers.first(named: "Delivery") == delivery.deliveryID)
        #expect(delivery.deliveryID?.count == 36)
        let analysis = analyze(delivery, provider: "teamwork")
        #expect(analysis.signature.status == .valid)
        #expect(analysis.event == "deals.updated")
    }

    @Test func gitProductivityUsesTheSeedsPayloadWithAFreshID() throws {
        let delivery = try make("gitproductivity")
        let payload = try #require(JSONPayload(body: delivery.body))
        #expect(payload.string(at: "type") == "developer.added")
        #expect(payload.string(at: "data.name") == "Jane Doe")
        #expect(payload.string(at: "id") == delivery.deliveryID)
        #expect(delivery.deliveryID?.hasPrefix("evt_") == true)
        #expect(analyze(delivery, provider: "gitproductivity").signature.status == .valid)
    }

    @Test func productiveSignsTimestampAndBody() throws {
        let delivery = try make("productive")
        #expect(delivery.headers.first(named: "Productive-Signature")?.hasPrefix("t=1700000000,s=") == true)
        #expect(delivery.deliveryID == nil)
        #expect(analyze(delivery, provider: "productive").signature.status == .valid)
    }

    @Test func productLiftIsSentUnsignedAndSaysSo() throws {
        let delivery = try make("productlift")
        #expect(delivery.notes.contains { $0.contains("signed but not how") })
        #expect(!delivery.headers.contains { $0.name.lowercased().contains("signature") })
        let payload = try #require(JSONPayload(body: delivery.body))
        #expect(payload.string(at: "event") == "vote.created")
        #expect(payload.string(at: "data.post.title") == "This is a great idea")
    }

    @Test func aGivenBodyIsSentAsIs() throws {
        let body: [UInt8] = [0x00, 0xFF, 0x7B]
        let delivery = try make("teamwork", body: body)
        #expect(delivery.body == body)
        #expect(analyze(delivery, provider: "teamwork").signature.status == .valid)
    }

    @Test func retryPlansFollowTheSchedules() throws {
        let teamwork = RetryPlan(schedule: BuiltInProviders.teamwork.retries, providerName: "Teamwork")
        #expect(teamwork.delaysSeconds == [60, 300, 600])
        #expect(teamwork.notes.isEmpty)
        let productive = RetryPlan(schedule: BuiltInProviders.productive.retries, providerName: "Productive")
        #expect(productive.attempts == 26)
        #expect(productive.delaysSeconds.reduce(0, +) <= 48 * 3600)
        #expect(productive.notes.first?.contains("not their spacing") == true)
        #expect(RetryPlan(schedule: BuiltInProviders.productLift.retries, providerName: "ProductLift").attempts == 1)
        #expect(!RetryPlan.isFailure(status: 400, schedule: BuiltInProviders.teamwork.retries))
        #expect(RetryPlan.isFailure(status: 401, schedule: BuiltInProviders.teamwork.retries))
        #expect(RetryPlan.isFailure(status: 302, schedule: BuiltInProviders.gitProductivity.retries))
        #expect(RetryPlan.isFailure(status: nil, schedule: BuiltInProviders.productLift.retries))
    }
}

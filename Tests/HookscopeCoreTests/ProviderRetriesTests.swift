import Testing
@testable import HookscopeCore

/// What the catalogue says about retries (F4): a schedule where an entry has one, "not
/// documented" only where the entry says its documentation is silent, else "not in the
/// catalogue"; and config values that `hookscope send` would multiply are range-checked (F9).
@Suite struct ProviderRetriesTests {
    static func profile(_ yaml: String) throws -> ProviderProfile {
        var settings = ProviderSettings()
        try settings.apply(ProviderConfiguration(yaml: yaml))
        return try #require(settings.profiles.first)
    }

    @Test func entriesWithoutARetriesBlockSayWhetherTheDocumentationWasRead() throws {
        let unread = try Self.profile("providers:\n  acme:\n    signature: { header: X-Acme-Signature, encoding: hex }\n")
        #expect(ProviderDescription.retries(unread) == "not in the catalogue")
        let silent = try Self.profile("providers:\n  acme:\n    signature: { header: X-Acme-Signature, encoding: hex }\n    unknown: [\"retry schedule\"]\n")
        #expect(ProviderDescription.retries(silent) == "not documented")
    }

    /// The schedules read from each provider's page (cited in its entry).
    @Test func documentedSchedulesAreShown() throws {
        let zoom = try #require(BuiltInProviders.named("zoom"))
        #expect(zoom.retries.delaysSeconds == [300, 1200, 3600])
        #expect(zoom.retries.answerTimeoutSeconds == 3)
        #expect(zoom.documentation.retriesSource == "https://devsupport.zoom.us/hc/en-us/articles/360059893812-Webhook-delays")
        let github = try #require(BuiltInProviders.named("github"))
        #expect(github.retries.retryCount == 0 && github.retries.answerTimeoutSeconds == 10)
        #expect(RetryPlan(schedule: github.retries, providerName: "GitHub").notes == ["GitHub does not retry a failed delivery: sent once"])
        let shopify = try #require(BuiltInProviders.named("shopify"))
        #expect(shopify.retries.retryCount == 8 && shopify.retries.windowSeconds == 14_400)
        for name in ["stripe", "slack", "shopify", "github", "zoom"] {
            let profile = try #require(BuiltInProviders.named(name))
            #expect(!["not documented", "not in the catalogue"].contains(ProviderDescription.retries(profile)), "\(name)")
            #expect(profile.documentation.retriesSource?.hasPrefix("https://") == true, "\(name)")
        }
    }

    /// Facts read on 2026-12-01 from the pages each entry cites (docs/provider-catalogue.md,
    /// "Retry facts checked"): a change to an entry's retries must be a change to this test.
    @Test func retryFactsReadFromTheProvidersPages() throws {
        let mailgun = try #require(BuiltInProviders.named("mailgun")).retries
        #expect(mailgun.delaysSeconds == [300, 600, 900, 3600, 7200, 14400] && mailgun.windowSeconds == 28_800)
        let slack = try #require(BuiltInProviders.named("slack")).retries
        #expect(slack.retryCount == 3 && slack.answerTimeoutSeconds == 3)
        let shopify = try #require(BuiltInProviders.named("shopify")).retries
        #expect(shopify.answerTimeoutSeconds == 5)
        let paddle = try #require(BuiltInProviders.named("paddle")).retries
        #expect(paddle.retryCount == 60 && paddle.answerTimeoutSeconds == 5 && paddle.windowSeconds == 259_200)
        let square = try #require(BuiltInProviders.named("square")).retries
        #expect(square.windowSeconds == 86_400)
        let resend = try #require(BuiltInProviders.named("resend")).retries
        #expect(resend.delaysSeconds == [0, 5, 300, 1800, 7200, 18000, 36000, 36000])
        #expect(try #require(BuiltInProviders.named("contentful")).retries.answerTimeoutSeconds == 30)
        #expect(try #require(BuiltInProviders.named("twilio")).retries.answerTimeoutSeconds == 15)
        #expect(try #require(BuiltInProviders.named("gitlab")).retries.answerTimeoutSeconds == 10)
        let razorpay = try #require(BuiltInProviders.named("razorpay")).retries
        #expect(razorpay.windowSeconds == 86_400 && razorpay.countsAsFailure(status: 500) == true && razorpay.countsAsFailure(status: 204) == false)
        #expect(try #require(BuiltInProviders.named("box")).retries.answerTimeoutSeconds == 30)
        #expect(try #require(BuiltInProviders.named("sentry")).retries.answerTimeoutSeconds == 1)
        #expect(try #require(BuiltInProviders.named("webflow")).retries.delaysSeconds == [600, 600, 600])
        // Clerk says it sends through Svix: Svix's schedule, cited to Svix, Clerk's page named.
        let clerk = try #require(BuiltInProviders.named("clerk"))
        #expect(clerk.retries.delaysSeconds == [0, 5, 300, 1800, 7200, 18000, 36000, 36000] && clerk.retries.answerTimeoutSeconds == 15)
        #expect(clerk.documentation.retriesSource == "https://docs.svix.com/retries")
        #expect(clerk.documentation.unknown.contains { $0.contains("clerk.com/docs/guides/development/webhooks/overview") })
        // Replicate retries the final webhook on no answer, 4xx or 5xx, for about a minute.
        let replicate = try #require(BuiltInProviders.named("replicate")).retries
        #expect(replicate.windowSeconds == 60 && replicate.countsAsFailure(status: nil) == true)
        #expect(replicate.countsAsFailure(status: 404) == true && replicate.countsAsFailure(status: 302) == false)
        #expect(try #require(BuiltInProviders.named("gitea")).retries.answerTimeoutSeconds == 5)
        // WooCommerce: the disable rule and what succeeds, no failure rule hookscope could apply (301/302 succeed).
        let woocommerce = try #require(BuiltInProviders.named("woocommerce")).retries
        #expect(woocommerce.afterLastFailure?.contains("5 failures") == true && woocommerce.failure == nil && !woocommerce.isDocumented)
        // Discord's webhook-events retries are named, not applied to the interactions entry.
        let discord = try #require(BuiltInProviders.named("discord"))
        #expect(ProviderDescription.retries(discord) == "not documented")
        #expect(discord.documentation.unknown.contains { $0.contains("docs.discord.com/developers/events/webhook-events") })
        // Standard Webhooks only recommends a schedule: said as a recommendation, never applied.
        let standard = try #require(BuiltInProviders.named("standard"))
        #expect(standard.retries == .undocumented && ProviderDescription.retries(standard) == "not documented")
        #expect(standard.documentation.unknown.contains { $0.hasPrefix("retry schedule") && $0.contains("not a sender's promise") })
        // Searched and not found: still "not documented", with the page that was checked.
        let okta = try #require(BuiltInProviders.named("okta"))
        #expect(ProviderDescription.retries(okta) == "not documented")
        #expect(okta.documentation.unknown.contains { $0.hasPrefix("retry schedule (searched") && $0.contains("developer.okta.com") })
        for name in ["brex", "notion", "coinbasecommerce", "coinify", "terraform", "vercel", "twitch"] {
            let profile = try #require(BuiltInProviders.named(name))
            #expect(ProviderDescription.retries(profile) == "not documented", "\(name)")
            #expect(profile.documentation.unknown.contains { $0.hasPrefix("retry schedule (searched") }, "\(name)")
        }
    }

    @Test(arguments: [
        ("answer_timeout: 9999999999999999", "retries.answer_timeout"),
        ("answer_timeout: 0", "retries.answer_timeout"),
        ("delays: [60, -5]", "retries.delays[1]"),
        ("delays: [99999999999]", "retries.delays[0]"),
        ("window: -1", "retries.window"),
        ("retry_count: 5000000", "retries.retry_count"),
    ])
    func retryValuesOutOfRangeAreRefusedWithTheirKey(line: String, key: String) {
        let yaml = "providers:\n  acme:\n    signature: { header: X-Acme-Signature, encoding: hex }\n    retries: { \(line) }\n"
        let error = #expect(throws: (any Error).self) { try Self.profile(yaml) }
        #expect("\(error.map { "\($0)" } ?? "")".contains(key), "\(String(describing: error))")
    }
}

/// The providers hookscope knows without configuration. The first four follow the
/// documents in `shared/seeds/` exactly; where a document is silent the profile is too.
public enum BuiltInProviders {
    /// In detection order: the most specific headers first, `teamwork` (whose `Signature`
    /// and `Event` headers are generic) last among header rules.
    public static let all: [ProviderProfile] = [
        productive, gitProductivity, standard, stripe, github, slack, shopify, teamwork, productLift,
    ]

    public static func named(_ name: String) -> ProviderProfile? {
        all.first { $0.name == name.lowercased() }
    }

    private static let minute = 60
    private static let hour = 3600

    /// Productive: `Productive-Signature: t=<unix s>,s=<hex>` over `<t>.<body>`. The
    /// payload is not described, so no event or delivery id is read from it.
    public static let productive = ProviderProfile(
        name: "productive", displayName: "Productive",
        recognition: ProviderRecognition(headerRules: [["Productive-Signature"]]),
        signature: SignatureRecipe(
            header: "Productive-Signature",
            format: .keyValueList(timestampKey: "t", signatureKey: "s", separator: ","),
            message: MessageTemplate(parts: [.timestamp, .literal("."), .body]),
            encoding: .hex,
            tolerance: TimestampTolerance(
                seconds: TimestampTolerance.defaultSeconds,
                origin: "hookscope default; the Productive documentation gives none"
            )
        ),
        retries: RetrySchedule(
            failure: .non2xx, retryCount: 25, windowSeconds: 48 * hour,
            afterLastFailure: "three sequential unsuccessful events deactivate the integration",
            summary: "non-2xx: 25 more executions over the next 48 hours; three sequential failures deactivate the integration"
        )
    )

    /// GitProductivity: `X-GitProductivity-Signature: sha256=<hex>` over the raw body;
    /// the body carries `id` (evt_...), `type`, `created_at`, `data`.
    public static let gitProductivity = ProviderProfile(
        name: "gitproductivity", displayName: "GitProductivity",
        recognition: ProviderRecognition(
            headerRules: [["X-GitProductivity-Signature"]],
            payloadKeys: ["id", "type", "created_at", "data"]
        ),
        signature: SignatureRecipe(header: "X-GitProductivity-Signature", format: .digest(prefix: "sha256="), encoding: .hex),
        event: .body("type"), deliveryID: .body("id"),
        retries: RetrySchedule(
            failure: .non2xx, answerTimeoutSeconds: 30,
            delaysSeconds: [1 * minute, 5 * minute, 30 * minute, 2 * hour, 24 * hour],
            afterLastFailure: "marked as failed and the account is notified",
            summary: "non-2xx or no answer within 30 s: retries after 1 min, 5 min, 30 min, 2 h, 24 h, then failed"
        )
    )

    /// Teamwork: `Signature: <hex>` HMAC-SHA256(token, body); `Event` and `Delivery` headers.
    public static let teamwork = ProviderProfile(
        name: "teamwork", displayName: "Teamwork",
        recognition: ProviderRecognition(headerRules: [["Signature", "Event"], ["Delivery", "Event"], ["Signature", "Delivery"]]),
        signature: SignatureRecipe(header: "Signature", format: .digest(prefix: ""), encoding: .hex),
        event: .header("Event"), deliveryID: .header("Delivery"),
        retries: RetrySchedule(
            failure: .statusAbove(400), delaysSeconds: [1 * minute, 5 * minute, 10 * minute],
            afterLastFailure: "permanent failure",
            summary: "status greater than 400: 3 reattempts after 1, 5 and 10 minutes, then permanent failure"
        )
    )

    /// ProductLift: recognised by its payload (`id`, `creation_time`, `event`, `data`).
    /// Its documentation says requests are signed with the portal secret but not how,
    /// so there is no recipe: with a secret, hookscope tries discovery instead.
    public static let productLift = ProviderProfile(
        name: "productlift", displayName: "ProductLift",
        recognition: ProviderRecognition(payloadKeys: ["id", "creation_time", "event", "data"]),
        signature: nil,
        event: .body("event"), deliveryID: .body("id"),
        retries: .undocumented
    )

    /// Standard Webhooks: `webhook-signature: v1,<base64> ...` over `<id>.<timestamp>.<body>`
    /// with the key base64-decoded from `whsec_<base64>`.
    public static let standard = ProviderProfile(
        name: "standard", displayName: "Standard Webhooks",
        recognition: ProviderRecognition(headerRules: [["webhook-signature"], ["webhook-id", "webhook-timestamp"]]),
        signature: SignatureRecipe(
            header: "webhook-signature", format: .versionedList(version: "v1"),
            message: MessageTemplate(parts: [.id, .literal("."), .timestamp, .literal("."), .body]),
            encoding: .base64, secretEncoding: .base64(prefix: "whsec_"),
            timestampHeader: "webhook-timestamp", idHeader: "webhook-id",
            tolerance: TimestampTolerance(seconds: 300, origin: "the Standard Webhooks specification's 5 minutes")
        ),
        event: .body("type"), deliveryID: .header("webhook-id")
    )

    /// Stripe: `Stripe-Signature: t=<unix s>,v1=<hex>[,v1=<hex>]` over `<t>.<body>`.
    public static let stripe = ProviderProfile(
        name: "stripe", displayName: "Stripe",
        recognition: ProviderRecognition(headerRules: [["Stripe-Signature"]]),
        signature: SignatureRecipe(
            header: "Stripe-Signature",
            format: .keyValueList(timestampKey: "t", signatureKey: "v1", separator: ","),
            message: MessageTemplate(parts: [.timestamp, .literal("."), .body]),
            encoding: .hex,
            tolerance: TimestampTolerance(seconds: 300, origin: "Stripe's libraries' default of 5 minutes")
        ),
        event: .body("type"), deliveryID: .body("id")
    )

    /// GitHub: `X-Hub-Signature-256: sha256=<hex>` over the body.
    public static let github = ProviderProfile(
        name: "github", displayName: "GitHub",
        recognition: ProviderRecognition(headerRules: [["X-Hub-Signature-256"], ["X-GitHub-Event"], ["X-GitHub-Delivery"]]),
        signature: SignatureRecipe(header: "X-Hub-Signature-256", format: .digest(prefix: "sha256="), encoding: .hex),
        event: .header("X-GitHub-Event"), deliveryID: .header("X-GitHub-Delivery")
    )

    /// Slack: `X-Slack-Signature: v0=<hex>` over `v0:<X-Slack-Request-Timestamp>:<body>`.
    public static let slack = ProviderProfile(
        name: "slack", displayName: "Slack",
        recognition: ProviderRecognition(headerRules: [["X-Slack-Signature"], ["X-Slack-Request-Timestamp"]]),
        signature: SignatureRecipe(
            header: "X-Slack-Signature", format: .digest(prefix: "v0="),
            message: MessageTemplate(parts: [.literal("v0:"), .timestamp, .literal(":"), .body]),
            encoding: .hex, timestampHeader: "X-Slack-Request-Timestamp",
            tolerance: TimestampTolerance(seconds: 300, origin: "Slack's documented 5 minutes")
        ),
        event: .body("event.type"), deliveryID: .body("event_id")
    )

    /// Shopify: `X-Shopify-Hmac-Sha256: <base64>` over the body.
    public static let shopify = ProviderProfile(
        name: "shopify", displayName: "Shopify",
        recognition: ProviderRecognition(headerRules: [["X-Shopify-Hmac-Sha256"], ["X-Shopify-Topic"]]),
        signature: SignatureRecipe(header: "X-Shopify-Hmac-Sha256", format: .digest(prefix: ""), encoding: .base64),
        event: .header("X-Shopify-Topic"), deliveryID: .header("X-Shopify-Webhook-Id")
    )
}

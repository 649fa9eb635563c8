/// The built-in provider entries, as the YAML the config file's `providers:` section takes
/// (docs/provider-catalogue.md): one file per provider in this folder, each a string
/// literal, so the binary needs no resource bundle and a built-in can say nothing a user
/// cannot. Parsed once, by `ProviderConfiguration`'s own parser.
public enum ProviderCatalogue {
    /// In detection order: entries whose headers are specific first; entries with generic
    /// headers (Teamwork's `Signature` and `Event`) after them; payload-only entries last
    /// (payload rules are tried only when no header rule matched, so their place among
    /// themselves is what counts).
    static let sources: [String] = [
        productive, gitProductivity, brex, openAI, replicate, standard, stripe, gitea, github,
        slack, shopify, asana, bitbucket, box, calendly, circleCI, clerk, coinbaseCommerce, coinify,
        contentful, discord, dropbox, gitLab, hubSpot, lemonSqueezy, linear, mux, notion, paddle,
        pagerDuty, paystack, razorpay, resend, sendGrid, sentry, square, svix, terraform, trello,
        twilio, twitch, typeform, vercel, webflow, wooCommerce, xero, zendesk, zoom, intercom,
        teamwork, productLift, mailgun, okta,
    ]

    /// Every entry, parsed, in detection order.
    public static let profiles: [ProviderProfile] = sources.map(parse)

    /// One entry's YAML (`name:` and its mapping) as a profile. A built-in entry that does
    /// not parse is a bug caught by the tests, never a user's mistake.
    static func parse(_ yaml: String) -> ProviderProfile {
        do {
            let configuration = try ProviderConfiguration(yaml: "providers:\n" + indented(yaml), origin: "catalogue")
            guard configuration.profiles.count == 1, let profile = configuration.profiles.first else {
                preconditionFailure("a catalogue entry holds exactly one provider")
            }
            return profile
        } catch {
            preconditionFailure("catalogue entry does not parse: \(error)")
        }
    }

    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}

/// The providers hookscope knows without configuration: the catalogue's entries
/// (`ProviderCatalogue`). The four seed providers follow the documents in `shared/seeds/`
/// exactly; where a document is silent the entry is too.
public enum BuiltInProviders {
    /// In detection order: the most specific headers first, `teamwork` (whose `Signature`
    /// and `Event` headers are generic) last among header rules.
    public static let all: [ProviderProfile] = ProviderCatalogue.profiles

    public static func named(_ name: String) -> ProviderProfile? {
        all.first { $0.name == name.lowercased() }
    }

    private static func entry(_ name: String) -> ProviderProfile {
        guard let profile = named(name) else { preconditionFailure("the catalogue has no \(name)") }
        return profile
    }

    public static let productive = entry("productive")
    public static let gitProductivity = entry("gitproductivity")
    public static let standard = entry("standard")
    public static let stripe = entry("stripe")
    public static let github = entry("github")
    public static let slack = entry("slack")
    public static let shopify = entry("shopify")
    public static let teamwork = entry("teamwork")
    public static let productLift = entry("productlift")
}

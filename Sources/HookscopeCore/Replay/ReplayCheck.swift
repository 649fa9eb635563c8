/// What a person should know before one exchange is sent again as captured: warnings
/// (a signed timestamp past the scheme's tolerance, a body cut at the size limit) and
/// whether re-signing could fix it (nil) or why not.
public struct ReplayCheck: Sendable, Equatable {
    public var warnings: [String]
    /// True when a warning is about the signature's age: re-signing is the remedy.
    public var stale: Bool
    /// nil when the provider and a secret are known, so the signature can be refreshed.
    public var cannotResign: String?
    /// The headers the provider's scheme signs with (signature, timestamp, id), so an
    /// edit that touched them is kept as the user wrote it.
    public var signatureHeaders: [String]

    public init(warnings: [String] = [], stale: Bool = false, cannotResign: String? = nil, signatureHeaders: [String] = []) {
        self.warnings = warnings
        self.stale = stale
        self.cannotResign = cannotResign
        self.signatureHeaders = signatureHeaders
    }

    public var canResign: Bool { cannotResign == nil }
}

extension ReplayCheck {
    /// Looks at one exchange as `r` would send it, without sending: its warnings, whether
    /// its signature is past the tolerance, and whether a re-sign is possible.
    /// - Parameter now: unix seconds.
    public init(_ exchange: Exchange, analyzer: ProviderAnalyzer, now: Int64) {
        let asCaptured = try? ReplayPreparation(exchange, resign: false, analyzer: analyzer, now: now)
        let providerName = exchange.analysis.provider ?? analyzer.analyze(exchange).provider
        let profile = providerName.flatMap(analyzer.profile(named:))
        var cannotResign: String?
        do {
            _ = try ReplayPreparation(
                exchange, resign: true, analyzer: analyzer, now: now,
                url: ReplayPreparation.signedURL(
                    for: exchange, sentTo: SignedURL.resolve(target: exchange.target, headers: exchange.headers, publicURL: nil).url,
                    publicURL: analyzer.publicURL
                )
            )
        } catch {
            cannotResign = "\(error)"
        }
        let stale = profile.flatMap {
            RequestResigner.staleSignatureWarning(
                headers: exchange.headers, body: exchange.body, profile: $0, now: now, toleranceOverride: analyzer.toleranceOverride
            )
        } != nil
        let recipe = profile?.signature
        self.init(
            warnings: asCaptured?.warnings ?? [],
            stale: stale,
            cannotResign: cannotResign,
            signatureHeaders: [recipe?.header, recipe?.timestampHeader, recipe?.idHeader].compactMap { $0 }
        )
    }
}

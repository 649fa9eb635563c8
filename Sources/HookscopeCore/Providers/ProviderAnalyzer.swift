/// Says who sent a delivery, which event and delivery it is, and whether its signature
/// holds. Immutable and `Sendable`: the server calls it on its event loops.
public struct ProviderAnalyzer: Sendable {
    /// In detection order.
    public var profiles: [ProviderProfile] {
        didSet { detection = ProviderDetection(profiles) }
    }
    public var secrets: SecretRing
    public var pins: ProviderPins
    /// Replaces every recipe's tolerance when set (`--tolerance`).
    public var toleranceOverride: TimestampTolerance?
    /// The whole URL the sender signed, as `verify --url` gives it: used as it is by the
    /// recipes that sign the URL. nil: `SignedURL` finds it from the request.
    public var exactURL: String?
    /// The profiles indexed by the headers of their rules.
    private var detection: ProviderDetection
    /// Where senders reach the listener (`--public-url` or a tunnel), for the recipes that
    /// sign the URL the sender called (`SignedURL` resolves a request against it).
    public var publicURL: PublicURL?
    /// `https` when the listener serves TLS itself (`--tls-cert`): without a public URL,
    /// the URL a sender signed is found from `Host` with this scheme.
    public var listenerScheme = "http"

    public init(
        profiles: [ProviderProfile] = BuiltInProviders.all,
        secrets: SecretRing = SecretRing(),
        pins: ProviderPins = ProviderPins(),
        toleranceOverride: TimestampTolerance? = nil,
        exactURL: String? = nil,
        publicURL: PublicURL? = nil
    ) {
        self.profiles = profiles
        self.secrets = secrets
        self.pins = pins
        self.toleranceOverride = toleranceOverride
        self.exactURL = exactURL
        self.detection = ProviderDetection(profiles)
        self.publicURL = publicURL
    }

    public func profile(named name: String) -> ProviderProfile? {
        profiles.first { $0.name == name.lowercased() }
    }

    /// The analysis of a captured exchange; the retry `attempt` is left as it was.
    public func analyze(_ exchange: Exchange) -> ExchangeAnalysis {
        var analysis = analyze(path: exchange.path, request: SignedRequest(exchange))
        analysis.attempt = exchange.analysis.attempt
        return analysis
    }

    public func analyze(path: String, request: SignedRequest) -> ExchangeAnalysis {
        // Read only as far as the rules below ask, and only if one asks (`JSONFieldReader`).
        var payloadCache: JSONFieldReader??
        func payload() -> JSONFieldReader? {
            if let cached = payloadCache { return cached }
            let reader = JSONFieldReader(body: request.body)
            payloadCache = .some(reader)
            return reader
        }
        var verifier = SignatureVerifier(secrets: secrets, toleranceOverride: toleranceOverride, publicURL: publicURL?.base, exactURL: exactURL)
        verifier.listenerScheme = listenerScheme

        if let pinned = pins.provider(forPath: path) {
            guard let profile = profile(named: pinned) else {
                // A name with secrets but no profile: the user wants discovery for it.
                let verdict = SignatureDiscovery.verdict(
                    request: request, secrets: secrets.secrets(for: pinned), ring: secrets,
                    context: "\(pinned) has no profile (pinned for \(path))"
                )
                return ExchangeAnalysis(provider: pinned, signature: verdict)
            }
            return analyze(request, as: profile, verifier: verifier, payload: payload())
        }
        let matching = detection.matches(request.headers)
        if let first = matching.first {
            // Several senders send these headers: the first (in detection order, the config
            // file's entries before the built-ins) that has no payload rule or whose payload
            // rule holds wins, else the first. A user's entry without a payload rule is not
            // overtaken by a later built-in that has one.
            let chosen = matching.count == 1 ? first : matching.first {
                let recognition = profiles[$0].recognition
                return recognition.payloadKeys.isEmpty || recognition.matchesPayload(payload())
            } ?? first
            return analyze(request, as: profiles[chosen], verifier: verifier, payload: payload())
        }
        if let profile = profiles.first(where: { $0.recognition.payloadAlone && $0.recognition.matchesPayload(payload()) }) {
            return analyze(request, as: profile, verifier: verifier, payload: payload())
        }
        return analyzeUnrecognised(request)
    }

    private func analyze(_ request: SignedRequest, as profile: ProviderProfile, verifier: SignatureVerifier, payload: JSONFieldReader?) -> ExchangeAnalysis {
        let verdict: SignatureVerdict
        if let recipe = profile.signature {
            verdict = verifier.verify(request, recipe: recipe, provider: profile.name, displayName: profile.displayName)
        } else {
            let own = secrets.secrets(for: profile.name)
            if own.isEmpty {
                verdict = SignatureVerdict(
                    status: .noSecret, scheme: nil, header: nil,
                    explanation: .undocumented(displayName: profile.displayName, provider: profile.name)
                )
            } else {
                let context = "\(profile.displayName)'s documentation does not say how it signs"
                verdict = SignatureDiscovery.verdict(request: request, secrets: own, ring: secrets, context: context)
            }
        }
        return ExchangeAnalysis(
            provider: profile.name,
            event: profile.event?.read(headers: request.headers, payload: payload),
            deliveryID: profile.deliveryID?.read(headers: request.headers, payload: payload),
            signature: verdict
        )
    }

    /// No profile matched: when secrets are configured, look for a header any of them signed.
    private func analyzeUnrecognised(_ request: SignedRequest) -> ExchangeAnalysis {
        guard !secrets.isEmpty,
              let finding = SignatureDiscovery.discover(body: request.body, headers: request.headers, secrets: secrets.all)
        else { return ExchangeAnalysis(signature: .unsigned) }
        let verdict = SignatureDiscovery.verdict(
            request: request, secrets: [finding.secret], ring: secrets,
            context: "No provider profile matched this delivery"
        )
        return ExchangeAnalysis(provider: finding.secret.provider, signature: verdict)
    }
}

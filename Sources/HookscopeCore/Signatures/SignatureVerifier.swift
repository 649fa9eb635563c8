/// Checks one request against one recipe and says why in words: which header and scheme,
/// which secret matched, how old the timestamp is, what is malformed, what likely went wrong.
public struct SignatureVerifier: Sendable {
    public var secrets: SecretRing
    /// Replaces every recipe's tolerance when set (`--tolerance`).
    public var toleranceOverride: TimestampTolerance?
    /// The base URL senders were given (`listen --public-url`), for recipes that sign the
    /// URL: its scheme and host replace what the request shows.
    public var publicURL: String?
    /// The whole signed URL (`verify --url`), used as it is.
    public var exactURL: String?
    /// `https` when the listener serves TLS itself, for a URL found from `Host`.
    public var listenerScheme = "http"

    public init(secrets: SecretRing, toleranceOverride: TimestampTolerance? = nil, publicURL: String? = nil, exactURL: String? = nil) {
        self.secrets = secrets
        self.toleranceOverride = toleranceOverride
        self.publicURL = publicURL
        self.exactURL = exactURL
    }

    public func verify(_ request: SignedRequest, recipe: SignatureRecipe, provider: String, displayName: String) -> SignatureVerdict {
        let scheme = recipe.scheme
        let location = recipe.location
        func verdict(_ status: SignatureVerdict.Status, _ explanation: SignatureVerdict.Explanation) -> SignatureVerdict {
            SignatureVerdict(status: status, scheme: scheme, header: location, explanation: explanation)
        }
        func verdict(_ status: SignatureVerdict.Status, _ reason: String) -> SignatureVerdict {
            verdict(status, .text(reason))
        }
        var inputs = MessageInputs.base(request: request, recipe: recipe, publicURL: publicURL, exactURL: exactURL, listenerScheme: listenerScheme)
        guard let value = inputs.signatureValue(recipe: recipe, headers: request.headers) else {
            if recipe.bodyPath != nil {
                return verdict(.unsigned, "no \(location) in the body; \(displayName) sends its signature there")
            }
            return verdict(.unsigned, .missingHeader(displayName: displayName))
        }
        let parsed: ParsedSignature
        if recipe.kind == .token {
            parsed = ParsedSignature(digests: [MessageInputs.tokenBytes(value, format: recipe.format)])
        } else {
            switch SignatureHeaderParser.parse(value, format: recipe.format, encoding: recipe.encoding, kind: recipe.kind) {
            case .failure(let problem): return verdict(.malformed, "\(location): \(problem.reason)")
            case .success(let result): parsed = result
            }
        }
        if case .failure(let problem) = inputs.complete(recipe: recipe, parsed: parsed, headers: request.headers) {
            return verdict(.malformed, problem.reason)
        }
        let candidates = candidateSecrets(recipe: recipe, provider: provider)
        guard !candidates.isEmpty else {
            return verdict(.noSecret, .noSecret(provider: provider))
        }
        let check = SignatureCheck(recipe: recipe, inputs: inputs, digests: parsed.digests)
        let message = check.message(body: request.body)
        if let matched = candidates.first(where: { check.matches($0, message: message) }) {
            let problem = timestampProblem(recipe: recipe, timestamp: inputs.timestamp, now: request.receivedAt)
            let status: SignatureVerdict.Status = problem == nil ? .valid : .expired
            if recipe.kind == .token {
                let text = "\(location) token matches secret \(secrets.describe(matched))"
                return verdict(status, text + (problem.map { ", but \($0)" } ?? ""))
            }
            let explained = verdict(status, .matched(message: recipe.message, secret: secrets.describe(matched), problem: problem))
            // Rare extras are written now: the URL used, entries of a list that were skipped.
            guard inputs.url != nil || !parsed.skipped.isEmpty else { return explained }
            return verdict(status, (explained.reason ?? "") + Self.extras(inputs: inputs, parsed: parsed))
        }
        let checked = recipe.kind == .token ? "\(location) (token)" : "\(location) (\(scheme) over \(recipe.message))"
        let noun = recipe.kind.isAsymmetric ? "key" : recipe.kind == .token ? "token" : "secret"
        var reason = "\(checked) matches none of "
            + (candidates.count == 1 ? "\(noun) \(secrets.describe(candidates[0]))" : "the \(candidates.count) \(noun)s for \(provider) (\(candidates.map(\.label).joined(separator: ", ")))")
        let unusable = candidates.filter { !check.canUse($0) }
        if !unusable.isEmpty {
            reason += "; \(unusable.map(\.label).joined(separator: ", ")) \(unusable.count == 1 ? "is" : "are") not \(check.keyForm)"
        }
        reason += Self.extras(inputs: inputs, parsed: parsed)
        let diagnosis = SignatureDiagnosis(
            recipe: recipe, provider: provider, request: request, check: check, secrets: secrets, candidates: candidates
        )
        if let problem = timestampProblem(recipe: recipe, timestamp: inputs.timestamp, now: request.receivedAt) {
            // A replayed or stale capture often fails for both reasons; say both.
            reason += "; also, \(problem)"
        }
        if let cause = diagnosis.likelyCause() {
            reason += ". Likely cause: \(cause)"
        } else if request.bodyTruncated {
            reason += ". The body was cut at the size limit (--max-body), so no signature over it can match"
        } else {
            reason += recipe.message.uses(.body) && recipe.kind != .token
                ? ". Check the \(noun), and that nothing changed the body on the way" : ". Check the \(noun)"
        }
        return verdict(.invalid, reason)
    }

    /// The provider's secrets, then the public key of the recipe's config entry.
    func candidateSecrets(recipe: SignatureRecipe, provider: String) -> [ProviderSecret] {
        var candidates = secrets.secrets(for: provider)
        if let key = recipe.publicKey, !key.isEmpty {
            candidates.append(ProviderSecret(provider: provider, value: key, origin: "public_key in the provider entry"))
        }
        return candidates
    }

    /// `; signed URL https://… (from --public-url)` and `; skipped v1=…: not hex`.
    static func extras(inputs: MessageInputs, parsed: ParsedSignature) -> String {
        var text = ""
        if let url = inputs.url {
            text += "; signed URL \(TerminalSafeText.string(url.url)) (from \(url.origin))"
        }
        if !parsed.skipped.isEmpty {
            text += "; skipped \(parsed.skipped.count == 1 ? "an entry" : "\(parsed.skipped.count) entries") that cannot be read: \(parsed.skipped.prefix(3).joined(separator: "; "))"
        }
        return text
    }

    /// The first secret whose HMAC-SHA256 equals one of the offered digests; every
    /// comparison is constant-time. (Discovery and the older callers use it.)
    static func firstMatch(_ candidates: [ProviderSecret], encoding: SecretEncoding, message: SignedMessage, digests: [[UInt8]]) -> ProviderSecret? {
        for secret in candidates {
            guard let key = secret.key(for: encoding) else { continue }
            if matches(key: key, message: message, digests: digests) { return secret }
        }
        return nil
    }

    static func matches(key: [UInt8], message: SignedMessage, digests: [[UInt8]], algorithm: HashAlgorithm = .sha256) -> Bool {
        let expected = algorithm.mac(key: key, message: message)
        var found = false
        // Visit every digest even after a match so timing does not say which one it was.
        for digest in digests where ConstantTime.equals(expected, digest) { found = true }
        return found
    }

    /// The environment variable that carries a provider's secret.
    public static func environmentName(for provider: String) -> String {
        "HOOKSCOPE_SECRET_" + String(provider.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Why the timestamp is outside the tolerance, or nil when it is fine.
    func timestampProblem(recipe: SignatureRecipe, timestamp: String?, now: Int64) -> String? {
        guard recipe.hasTimestamp, let tolerance = toleranceOverride ?? recipe.tolerance,
              let text = timestamp, let seconds = recipe.timestampFormat.seconds(from: text) else { return nil }
        let age = now - seconds
        // Written only when the timestamp is out of range: this runs for every valid delivery.
        var limit: String { "tolerance \(DurationWords.format(seconds: Int64(tolerance.seconds))) (\(tolerance.origin))" }
        if age > Int64(tolerance.seconds) {
            return "its timestamp \(text) is \(DurationWords.format(seconds: age)) old; \(limit)"
        }
        if -age > Int64(tolerance.seconds) {
            return "its timestamp \(text) is \(DurationWords.format(seconds: -age)) in the future, so a clock is off; \(limit)"
        }
        return nil
    }
}

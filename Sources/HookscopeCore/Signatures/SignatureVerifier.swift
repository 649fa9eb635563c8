/// Checks one request against one recipe and says why in words: which header and scheme,
/// which secret matched, how old the timestamp is, what is malformed, what likely went wrong.
public struct SignatureVerifier: Sendable {
    public var secrets: SecretRing
    /// Replaces every recipe's tolerance when set (`--tolerance`).
    public var toleranceOverride: TimestampTolerance?

    public init(secrets: SecretRing, toleranceOverride: TimestampTolerance? = nil) {
        self.secrets = secrets
        self.toleranceOverride = toleranceOverride
    }

    /// The values a message template needs beyond the body.
    struct MessageInputs {
        var timestamp: String?
        var id: String?
    }

    public func verify(_ request: SignedRequest, recipe: SignatureRecipe, provider: String, displayName: String) -> SignatureVerdict {
        let scheme = recipe.scheme
        func verdict(_ status: SignatureVerdict.Status, _ explanation: SignatureVerdict.Explanation) -> SignatureVerdict {
            SignatureVerdict(status: status, scheme: scheme, header: recipe.header, explanation: explanation)
        }
        func verdict(_ status: SignatureVerdict.Status, _ reason: String) -> SignatureVerdict {
            verdict(status, .text(reason))
        }
        guard let value = request.headers.first(named: recipe.header) else {
            return verdict(.unsigned, .missingHeader(header: recipe.header, displayName: displayName))
        }
        let parsed: ParsedSignature
        switch SignatureHeaderParser.parse(value, format: recipe.format, encoding: recipe.encoding) {
        case .failure(let problem): return verdict(.malformed, "\(recipe.header): \(problem.reason)")
        case .success(let result): parsed = result
        }
        let inputs: MessageInputs
        switch messageInputs(recipe: recipe, parsed: parsed, headers: request.headers) {
        case .failure(let problem): return verdict(.malformed, problem.reason)
        case .success(let result): inputs = result
        }
        let candidates = secrets.secrets(for: provider)
        guard !candidates.isEmpty else {
            return verdict(.noSecret, .noSecret(header: recipe.header, provider: provider))
        }
        let message = recipe.message.render(body: request.body, timestamp: inputs.timestamp, id: inputs.id)
        if let matched = Self.firstMatch(candidates, encoding: recipe.secretEncoding, message: message, digests: parsed.digests) {
            let problem = timestampProblem(recipe: recipe, timestamp: inputs.timestamp, now: request.receivedAt)
            return verdict(problem == nil ? .valid : .expired, .matched(
                header: recipe.header, scheme: scheme, message: recipe.message, secret: secrets.describe(matched), problem: problem
            ))
        }
        let checked = "\(recipe.header) (\(scheme) over \(recipe.message))"
        let unusable = candidates.filter { $0.key(for: recipe.secretEncoding) == nil }
        var reason = "\(checked) matches none of "
            + (candidates.count == 1 ? "secret \(secrets.describe(candidates[0]))" : "the \(candidates.count) secrets for \(provider) (\(candidates.map(\.label).joined(separator: ", ")))")
        if !unusable.isEmpty, case .base64(let prefix) = recipe.secretEncoding {
            reason += "; \(unusable.map(\.label).joined(separator: ", ")) is not base64\(prefix.isEmpty ? "" : " after \(prefix)")"
        }
        let diagnosis = SignatureDiagnosis(
            recipe: recipe, provider: provider, request: request, inputs: inputs, digests: parsed.digests, secrets: secrets
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
            reason += ". Check the secret, and that nothing changed the body on the way"
        }
        return verdict(.invalid, reason)
    }

    /// The first secret whose HMAC equals one of the offered digests; every comparison is
    /// constant-time.
    static func firstMatch(_ candidates: [ProviderSecret], encoding: SecretEncoding, message: [UInt8], digests: [[UInt8]]) -> ProviderSecret? {
        for secret in candidates {
            guard let key = secret.key(for: encoding) else { continue }
            if matches(key: key, message: message, digests: digests) { return secret }
        }
        return nil
    }

    static func matches(key: [UInt8], message: [UInt8], digests: [[UInt8]]) -> Bool {
        let expected = HMACSHA256.code(key: key, message: message)
        var found = false
        // Visit every digest even after a match so timing does not say which one it was.
        for digest in digests where ConstantTime.equals(expected, digest) { found = true }
        return found
    }

    /// The environment variable that carries a provider's secret.
    public static func environmentName(for provider: String) -> String {
        "HOOKSCOPE_SECRET_" + String(provider.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    private func messageInputs(recipe: SignatureRecipe, parsed: ParsedSignature, headers: [HeaderField]) -> Result<MessageInputs, MalformedSignature> {
        var inputs = MessageInputs(timestamp: parsed.timestamp)
        let parts = recipe.message.parts
        if parts.contains(.timestamp), inputs.timestamp == nil {
            guard let header = recipe.timestampHeader, let text = headers.first(named: header) else {
                let name = recipe.timestampHeader ?? "timestamp"
                return .failure(MalformedSignature("no \(name) header; the signed message \(recipe.message) needs it"))
            }
            if case .failure(let problem) = SignatureHeaderParser.parseTimestamp(text, field: header) { return .failure(problem) }
            inputs.timestamp = SignatureHeaderParser.trimSpaces(text)
        }
        if parts.contains(.id) {
            guard let header = recipe.idHeader, let text = headers.first(named: header) else {
                let name = recipe.idHeader ?? "id"
                return .failure(MalformedSignature("no \(name) header; the signed message \(recipe.message) needs it"))
            }
            guard !text.isEmpty else { return .failure(MalformedSignature("\(header) is empty; the signed message \(recipe.message) needs it")) }
            inputs.id = text
        }
        return .success(inputs)
    }

    /// Why the timestamp is outside the tolerance, or nil when it is fine.
    func timestampProblem(recipe: SignatureRecipe, timestamp: String?, now: Int64) -> String? {
        guard recipe.hasTimestamp, let tolerance = toleranceOverride ?? recipe.tolerance,
              let text = timestamp, let seconds = Int64(text) else { return nil }
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

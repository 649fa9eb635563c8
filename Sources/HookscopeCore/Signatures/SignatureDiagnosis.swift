/// Looks for the likely cause of an invalid signature by trying the mistakes people make
/// most: the URL a tunnel changed (scheme, port, query), the secret of another provider, a
/// base64 or hex secret taken raw (or the reverse), a trailing newline added or lost on the
/// way, and JSON re-serialised after signing. Each try is one check of one secret, for
/// every recipe kind.
struct SignatureDiagnosis {
    let recipe: SignatureRecipe
    let provider: String
    let request: SignedRequest
    let check: SignatureCheck
    let secrets: SecretRing
    /// The provider's own secrets (and a config entry's public key).
    let candidates: [ProviderSecret]

    func likelyCause() -> String? {
        changedURL() ?? otherProvidersSecret() ?? otherSecretEncoding() ?? changedLineEnding() ?? reserialisedJSON()
    }

    private func matches(_ secret: ProviderSecret, body: [UInt8]) -> Bool {
        check.matches(secret, message: check.message(body: body))
    }

    /// For recipes that sign the URL: a variant that verifies, and what to tell hookscope.
    private func changedURL() -> String? {
        guard let url = check.inputs.url else { return nil }
        for variant in url.variants() {
            var altered = check
            altered.inputs.url = SignedURL(url: variant.url, origin: url.origin)
            let message = altered.message(body: request.body)
            for secret in candidates where altered.matches(secret, message: message) {
                return "it matches the URL \(TerminalSafeText.string(variant.url)) (\(variant.difference)): the sender was given that URL; "
                    + "pass it with --public-url (listen) or --url (verify)"
            }
        }
        return nil
    }

    private func otherProvidersSecret() -> String? {
        for secret in secrets.all where secret.provider != provider {
            guard matches(secret, body: request.body) else { continue }
            return "it matches the secret \(secret.label) configured for \(secret.provider) (from \(secret.origin)): "
                + "give it to \(provider) instead"
        }
        return nil
    }

    private func otherSecretEncoding() -> String? {
        guard case .hmac = recipe.kind else { return nil }
        let message = check.message(body: request.body)
        for secret in candidates {
            switch recipe.secretEncoding {
            case .raw:
                if let decoded = Base64.decode(secret.value), !decoded.isEmpty, check.matches(key: decoded, message: message) {
                    return "it matches when the secret \(secret.label) is base64-decoded first: the sender uses the decoded bytes as the key"
                }
                if let decoded = Hex.decode(secret.value), !decoded.isEmpty, check.matches(key: decoded, message: message) {
                    return "it matches when the secret \(secret.label) is hex-decoded first: the sender uses the decoded bytes as the key"
                }
            case .base64(let prefix):
                let withoutPrefix = secret.value.hasPrefix(prefix) ? String(secret.value.dropFirst(prefix.count)) : secret.value
                for text in [secret.value, withoutPrefix] where check.matches(key: Array(text.utf8), message: message) {
                    return "it matches when the secret \(secret.label) is used as raw text instead of base64-decoded"
                }
            case .hex:
                if check.matches(key: Array(secret.value.utf8), message: message) {
                    return "it matches when the secret \(secret.label) is used as raw text instead of hex-decoded"
                }
            }
        }
        return nil
    }

    private func changedLineEnding() -> String? {
        guard recipe.message.uses(.body) else { return nil }
        let body = request.body
        var variants: [([UInt8], String)] = [
            (body + [0x0A], "with a trailing newline (\\n) the body lacks: it was stripped on the way"),
            (body + [0x0D, 0x0A], "with a trailing CRLF (\\r\\n) the body lacks: it was stripped on the way"),
        ]
        if body.last == 0x0A {
            let cut = body.count >= 2 && body[body.count - 2] == 0x0D ? 2 : 1
            variants.append((Array(body.dropLast(cut)), "without the trailing \(cut == 2 ? "CRLF (\\r\\n)" : "newline (\\n)") the body ends with: it was added after signing"))
        }
        if let crlf = Self.lfToCRLF(body) {
            variants.append((crlf, "with CRLF line endings instead of LF: line endings were converted on the way"))
        }
        return firstMatchingBody(variants)
    }

    private func reserialisedJSON() -> String? {
        guard recipe.message.uses(.body), JSONPayload(body: request.body) != nil else { return nil }
        let variants = JSONReformatting.variants(of: request.body).filter { $0.bytes != request.body }
        return firstMatchingBody(variants.map { ($0.bytes, "written \($0.name): the JSON was re-serialised between signing and sending (or by the code that checks it)") })
    }

    private func firstMatchingBody(_ variants: [([UInt8], String)]) -> String? {
        for secret in candidates where check.canUse(secret) {
            for (body, explanation) in variants where matches(secret, body: body) {
                return "it matches the body \(explanation)"
            }
        }
        return nil
    }

    private static func lfToCRLF(_ body: [UInt8]) -> [UInt8]? {
        guard body.contains(0x0A) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 16)
        var previous: UInt8 = 0
        for b in body {
            if b == 0x0A, previous != 0x0D { out.append(0x0D) }
            out.append(b)
            previous = b
        }
        return out == body ? nil : out
    }
}

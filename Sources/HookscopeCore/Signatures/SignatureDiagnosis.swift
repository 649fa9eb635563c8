/// Looks for the likely cause of an invalid signature by trying the mistakes people make
/// most: the secret of another provider, a base64 secret taken raw (or the reverse), a
/// trailing newline added or lost on the way, and JSON re-serialised after signing.
/// Each try is one HMAC and a constant-time comparison.
struct SignatureDiagnosis {
    let recipe: SignatureRecipe
    let provider: String
    let request: SignedRequest
    let inputs: SignatureVerifier.MessageInputs
    let digests: [[UInt8]]
    let secrets: SecretRing

    func likelyCause() -> String? {
        otherProvidersSecret() ?? otherSecretEncoding() ?? changedLineEnding() ?? reserialisedJSON()
    }

    private var ownSecrets: [ProviderSecret] { secrets.secrets(for: provider) }

    private func matches(key: [UInt8], body: [UInt8]) -> Bool {
        let message = recipe.message.render(body: body, timestamp: inputs.timestamp, id: inputs.id)
        return SignatureVerifier.matches(key: key, message: message, digests: digests)
    }

    private func otherProvidersSecret() -> String? {
        for secret in secrets.all where secret.provider != provider {
            guard let key = secret.key(for: recipe.secretEncoding), matches(key: key, body: request.body) else { continue }
            return "it matches the secret \(secret.label) configured for \(secret.provider) (from \(secret.origin)): "
                + "give it to \(provider) instead"
        }
        return nil
    }

    private func otherSecretEncoding() -> String? {
        for secret in ownSecrets {
            switch recipe.secretEncoding {
            case .raw:
                if let decoded = Base64.decode(secret.value), !decoded.isEmpty, matches(key: decoded, body: request.body) {
                    return "it matches when the secret \(secret.label) is base64-decoded first: the sender uses the decoded bytes as the key"
                }
                if let decoded = Hex.decode(secret.value), !decoded.isEmpty, matches(key: decoded, body: request.body) {
                    return "it matches when the secret \(secret.label) is hex-decoded first: the sender uses the decoded bytes as the key"
                }
            case .base64(let prefix):
                let withoutPrefix = secret.value.hasPrefix(prefix) ? String(secret.value.dropFirst(prefix.count)) : secret.value
                for text in [secret.value, withoutPrefix] where matches(key: Array(text.utf8), body: request.body) {
                    return "it matches when the secret \(secret.label) is used as raw text instead of base64-decoded"
                }
            }
        }
        return nil
    }

    private func changedLineEnding() -> String? {
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
        guard JSONPayload(body: request.body) != nil else { return nil }
        let variants = JSONReformatting.variants(of: request.body).filter { $0.bytes != request.body }
        return firstMatchingBody(variants.map { ($0.bytes, "written \($0.name): the JSON was re-serialised between signing and sending (or by the code that checks it)") })
    }

    private func firstMatchingBody(_ variants: [([UInt8], String)]) -> String? {
        for secret in ownSecrets {
            guard let key = secret.key(for: recipe.secretEncoding) else { continue }
            for (body, explanation) in variants where matches(key: key, body: body) {
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

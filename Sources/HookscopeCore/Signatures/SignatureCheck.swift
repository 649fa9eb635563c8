/// One recipe's test of one secret against the signatures a request offers, whatever the
/// kind: HMAC, a public-key signature, or a token compared as it is. The verifier and the
/// diagnosis (which tries altered bodies, URLs and secrets) share it.
struct SignatureCheck {
    let recipe: SignatureRecipe
    var inputs: MessageInputs
    let digests: [[UInt8]]

    /// Whether `secret` (an HMAC secret, a token or a public key) verifies `message`.
    /// Comparisons of secrets and digests are constant-time.
    func matches(_ secret: ProviderSecret, message: SignedMessage) -> Bool {
        switch recipe.kind {
        case .hmac(let algorithm):
            guard let key = secret.key(for: recipe.secretEncoding) else { return false }
            return SignatureVerifier.matches(key: key, message: message, digests: digests, algorithm: algorithm)
        case .token:
            let token = Array(secret.value.utf8)
            var found = false
            for digest in digests where ConstantTime.equals(token, digest) { found = true }
            return found
        case .ed25519, .ecdsaP256:
            return AsymmetricKeys.verify(kind: recipe.kind, keyText: secret.value, message: message, signatures: digests) ?? false
        }
    }

    /// Whether `matches` with raw key bytes instead of the configured secret form (HMAC only).
    func matches(key: [UInt8], message: SignedMessage) -> Bool {
        guard case .hmac(let algorithm) = recipe.kind else { return false }
        return SignatureVerifier.matches(key: key, message: message, digests: digests, algorithm: algorithm)
    }

    /// The message for `body` with this check's inputs, in pieces (no copy of the body).
    func message(body: [UInt8]) -> SignedMessage { recipe.message.message(body: body, inputs: inputs) }

    /// Whether the secret can be read in the form the recipe needs (base64, hex, a key).
    func canUse(_ secret: ProviderSecret) -> Bool {
        switch recipe.kind {
        case .hmac: return secret.key(for: recipe.secretEncoding) != nil
        case .token: return true
        case .ed25519: return AsymmetricKeys.ed25519PublicKey(secret.value) != nil
        case .ecdsaP256: return AsymmetricKeys.p256PublicKey(secret.value) != nil
        }
    }

    /// What `canUse` wants, for the reason: `base64 after whsec_`, `an Ed25519 public key`.
    var keyForm: String {
        switch recipe.kind {
        case .ed25519: return "an Ed25519 public key (hex, base64 or PEM)"
        case .ecdsaP256: return "a P-256 public key (base64 DER, hex or PEM)"
        case .token: return "usable"
        case .hmac:
            switch recipe.secretEncoding {
            case .raw: return "usable"
            case .hex: return "hex"
            case .base64(let prefix): return "base64" + (prefix.isEmpty ? "" : " after \(prefix)")
            }
        }
    }
}

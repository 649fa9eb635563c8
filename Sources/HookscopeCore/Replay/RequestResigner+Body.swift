extension RequestResigner {
    /// For recipes that carry the signature in the body (Mailgun's `signature` object), a
    /// replay's re-sign: the timestamp field gets `timestamp`, every other field the message
    /// signs from the signature's own object (Mailgun's `token`) a fresh nonce, and the
    /// signature field the signature over them. Every other byte of the body stays as it
    /// was, so a receiver that caches tokens against replays takes it as a new delivery.
    /// - Parameter nonce: the fresh value's characters for a field of a given length
    ///   (`freshNonce` by default; a test gives a fixed one).
    public static func resignBody(
        _ body: [UInt8], profile: ProviderProfile, secret: ProviderSecret, timestamp: Int64,
        nonce: (Int) -> String = RequestResigner.freshNonce(length:)
    ) throws -> [UInt8] {
        guard let recipe = profile.signature, let path = recipe.bodyPath else {
            throw Failure(description: "\(profile.displayName) does not carry its signature in the body")
        }
        var out = body
        do {
            for field in nonceFields(recipe: recipe, signaturePath: path) {
                let old = JSONPayload(body: out)?.string(at: field) ?? ""
                out = try ProviderSigner.replacing(field, in: out, with: nonce(max(old.count, 1)))
            }
            return try ProviderSigner.signedBody(recipe: recipe, secret: secret, body: out, timestamp: timestamp)
        } catch let error as ProviderSigner.SigningError {
            throw Failure(description: error.description)
        }
    }

    /// The body fields the message signs that sit beside the signature (same object) and
    /// are not its timestamp: per-delivery values such as Mailgun's token.
    static func nonceFields(recipe: SignatureRecipe, signaturePath: String) -> [String] {
        let parent = signaturePath.split(separator: ".").dropLast().joined(separator: ".")
        return recipe.message.parts.compactMap { part in
            guard case .field(let field) = part, field != recipe.timestampField, field != signaturePath else { return nil }
            return field.split(separator: ".").dropLast().joined(separator: ".") == parent ? field : nil
        }
    }

    /// `length` random lowercase hex digits.
    public static func freshNonce(length: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<length).map { _ in digits[Int.random(in: 0..<16)] })
    }
}

/// Produces the headers a provider would send for a body: used by `hookscope sign`,
/// the tests, and replay/send when they re-sign a delivery.
public enum ProviderSigner {
    public struct SigningError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The signature and companion headers (timestamp, id, event, delivery id) in the
    /// order a sender would put them.
    /// - Parameters:
    ///   - timestamp: unix seconds, used when the recipe signs a timestamp.
    ///   - id: the message/delivery id; required when the recipe signs `{id}`.
    ///   - event: written to the event header when the provider sends the event in one.
    public static func headers(
        for profile: ProviderProfile, secret: ProviderSecret, body: [UInt8],
        timestamp: Int64, id: String? = nil, event: String? = nil, url: String? = nil
    ) throws -> [HeaderField] {
        guard let recipe = profile.signature else {
            throw SigningError(description: "\(profile.displayName)'s documentation does not say how it signs; hookscope does not invent a recipe")
        }
        if let path = recipe.bodyPath {
            // UNFINISHED: writing the signature into the body (Mailgun) is not done; `sign`
            // prints the value with `signatureValue` and says where it goes.
            throw SigningError(description: "\(profile.displayName) carries its signature in the body at \(path); hookscope does not rewrite bodies yet")
        }
        var headers: [HeaderField] = []
        let needsID = recipe.message.parts.contains(.id)
        if needsID {
            guard let id, !id.isEmpty else { throw SigningError(description: "\(profile.displayName) signs a message id: give one with --id") }
            if let header = recipe.idHeader { headers.append(HeaderField(header, id)) }
        }
        if recipe.hasTimestamp, let header = recipe.timestampHeader {
            headers.append(HeaderField(header, recipe.timestampFormat.text(seconds: timestamp)))
        }
        headers.append(HeaderField(recipe.header, try signatureValue(recipe: recipe, secret: secret, body: body, timestamp: timestamp, id: id, url: url)))
        if let event, case .header(let name)? = profile.event {
            headers.append(HeaderField(name, event))
        }
        if let id, case .header(let name)? = profile.deliveryID, !headers.contains(where: { $0.name.caseInsensitiveEquals(name) }) {
            headers.append(HeaderField(name, id))
        }
        return headers
    }

    /// The value of the signature header alone. `secret` is the HMAC secret, the token, or
    /// for asymmetric kinds the private key (PEM); `url` is the URL the request goes to,
    /// for recipes that sign it.
    public static func signatureValue(
        recipe: SignatureRecipe, secret: ProviderSecret, body: [UInt8], timestamp: Int64, id: String?,
        url: String? = nil, method: String = "POST"
    ) throws -> String {
        let signature: String
        switch recipe.kind {
        case .token:
            signature = secret.value
        case .hmac(let algorithm):
            guard let key = secret.key(for: recipe.secretEncoding) else {
                throw SigningError(description: "the secret \(secret.label) is not in the form this provider expects (\(recipe.secretEncoding))")
            }
            let message = try self.message(recipe: recipe, body: body, timestamp: timestamp, id: id, url: url, method: method)
            signature = recipe.encoding.encode(algorithm.mac(key: key, message: message))
        case .ed25519, .ecdsaP256:
            let message = try self.message(recipe: recipe, body: body, timestamp: timestamp, id: id, url: url, method: method)
            guard let bytes = AsymmetricKeys.sign(kind: recipe.kind, keyText: secret.value, message: message) else {
                throw SigningError(description: "signing with \(recipe.kind.configName) needs the private key: --private-key FILE (PEM)")
            }
            signature = recipe.encoding.encode(bytes)
        }
        switch recipe.format {
        case .digest(let prefix):
            return prefix + signature
        case .keyValueList(let timestampKey, let signatureKey, let separator):
            let entry = "\(signatureKey)=\(signature)"
            return timestampKey.map { "\($0)=\(timestamp)\(separator)\(entry)" } ?? entry
        case .versionedList(let version):
            return "\(version),\(signature)"
        }
    }

    /// The signed message, with the URL and form parameters a recipe may need.
    static func message(recipe: SignatureRecipe, body: [UInt8], timestamp: Int64, id: String?, url: String?, method: String) throws -> [UInt8] {
        var inputs = MessageInputs(timestamp: recipe.timestampFormat.text(seconds: timestamp), id: id, method: method)
        if recipe.message.uses(.url) {
            guard let url else { throw SigningError(description: "this provider signs the URL the delivery goes to: give it with --url") }
            inputs.url = SignedURL(url: url, origin: "--url")
            inputs.path = SignedURL.Base(parsing: url).map { String($0.path.prefix { $0 != "?" }) } ?? "/"
        }
        inputs.payload = JSONPayload(body: body)
        inputs.sortedParams = MessageInputs.formParameters(body)
        if recipe.message.parts.contains(where: { if case .header = $0 { return true } else { return false } }) {
            throw SigningError(description: "this recipe signs a header hookscope cannot know in advance; sign it by hand")
        }
        return recipe.message.render(body: body, inputs: inputs)
    }
}

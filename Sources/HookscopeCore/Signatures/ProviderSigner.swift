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
    ///   - url: where the delivery goes, for recipes that sign `{url}` or `{path}`.
    ///   - method: the request method, for recipes that sign `{method}`.
    ///   - sentHeaders: the other headers the request carries, for recipes that sign one
    ///     (`{header:Name}`); the timestamp and id headers written here count too.
    public static func headers(
        for profile: ProviderProfile, secret: ProviderSecret, body: [UInt8],
        timestamp: Int64, id: String? = nil, event: String? = nil, url: String? = nil, method: String = "POST",
        sentHeaders: [HeaderField] = []
    ) throws -> [HeaderField] {
        guard let recipe = profile.signature else {
            throw SigningError(description: "\(profile.displayName)'s documentation does not say how it signs; hookscope does not invent a recipe")
        }
        if let path = recipe.bodyPath {
            // The signature goes into the body: `signedBody` writes it there (sign, send),
            // `RequestResigner.resignBody` on replay; there are no headers to make.
            throw SigningError(description: "\(profile.displayName) carries its signature in the body at \(path), not in a header: the body is signed instead")
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
        headers.append(HeaderField(recipe.header, try signatureValue(
            recipe: recipe, secret: secret, body: body, timestamp: timestamp, id: id, url: url, method: method, headers: headers + sentHeaders
        )))
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
    /// for recipes that sign it; `headers` are the request's, for recipes that sign one.
    public static func signatureValue(
        recipe: SignatureRecipe, secret: ProviderSecret, body: [UInt8], timestamp: Int64, id: String?,
        url: String? = nil, method: String = "POST", headers: [HeaderField] = []
    ) throws -> String {
        let signature: String
        switch recipe.kind {
        case .token:
            signature = secret.value
        case .hmac(let algorithm):
            guard let key = secret.key(for: recipe.secretEncoding) else {
                throw SigningError(description: "the secret \(secret.label) is not in the form this provider expects (\(recipe.secretEncoding))")
            }
            let message = try self.message(recipe: recipe, body: body, timestamp: timestamp, id: id, url: url, method: method, headers: headers)
            signature = recipe.encoding.encode(algorithm.mac(key: key, message: message))
        case .ed25519, .ecdsaP256:
            let message = try self.message(recipe: recipe, body: body, timestamp: timestamp, id: id, url: url, method: method, headers: headers)
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
    static func message(
        recipe: SignatureRecipe, body: [UInt8], timestamp: Int64, id: String?, url: String?, method: String, headers: [HeaderField]
    ) throws -> [UInt8] {
        var inputs = MessageInputs(timestamp: recipe.timestampFormat.text(seconds: timestamp), id: id, method: method, headers: headers)
        let signsURL = recipe.message.uses(.url), signsPath = recipe.message.uses(.path)
        if signsURL || signsPath {
            // The path is the one the receiver sees in the request line, as the verifier reads it.
            guard let url, let target = SignedURL.target(of: url) else {
                throw SigningError(description: "this provider signs the \(signsURL ? "URL" : "path") the delivery goes to: give the whole URL with --url")
            }
            if signsURL { inputs.url = SignedURL(url: url, origin: "--url") }
            inputs.path = String(target.prefix { $0 != "?" })
        }
        inputs.payload = JSONPayload(body: body)
        inputs.sortedParams = MessageInputs.formParameters(body)
        for case .header(let name) in recipe.message.parts where headers.first(named: name) == nil {
            // A header whose value the documentation does not let hookscope make up (Zendesk's
            // timestamp has no documented format): the person sending says it.
            throw SigningError(description: "this recipe signs the request header \(name), whose value hookscope cannot make up: give it with --header '\(name): VALUE'")
        }
        return recipe.message.render(body: body, inputs: inputs)
    }
}

extension ProviderSigner {
    /// For recipes that carry the signature in the body (Mailgun's `signature` object): the
    /// body with the timestamp field set to `timestamp` and the signature field set to the
    /// signature over it, every other byte as it was. The fields must already be in the body
    /// (a sample delivery has them); their old values are replaced, as JSON strings.
    public static func signedBody(recipe: SignatureRecipe, secret: ProviderSecret, body: [UInt8], timestamp: Int64) throws -> [UInt8] {
        guard let path = recipe.bodyPath else { return body }
        var out = body
        if let field = recipe.timestampField {
            out = try replacing(field, in: out, with: recipe.timestampFormat.text(seconds: timestamp))
        }
        let value = try signatureValue(recipe: recipe, secret: secret, body: out, timestamp: timestamp, id: nil)
        return try replacing(path, in: out, with: value)
    }

    static func replacing(_ path: String, in body: [UInt8], with value: String) throws -> [UInt8] {
        guard let range = JSONPayload(body: body)?.valueRange(at: path) else {
            throw SigningError(description: "the body has no \(path) to write the signature's \(path.split(separator: ".").last ?? "") into: give a body in the provider's shape with --body-file")
        }
        var writer = JSONWriter()
        writer.string(value)
        var out = body
        out.replaceSubrange(range, with: writer.bytes)
        return out
    }
}

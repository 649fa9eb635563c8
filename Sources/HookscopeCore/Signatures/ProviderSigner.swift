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
        timestamp: Int64, id: String? = nil, event: String? = nil
    ) throws -> [HeaderField] {
        guard let recipe = profile.signature else {
            throw SigningError(description: "\(profile.displayName)'s documentation does not say how it signs; hookscope does not invent a recipe")
        }
        var headers: [HeaderField] = []
        let needsID = recipe.message.parts.contains(.id)
        if needsID {
            guard let id, !id.isEmpty else { throw SigningError(description: "\(profile.displayName) signs a message id: give one with --id") }
            if let header = recipe.idHeader { headers.append(HeaderField(header, id)) }
        }
        if recipe.hasTimestamp, let header = recipe.timestampHeader {
            headers.append(HeaderField(header, String(timestamp)))
        }
        headers.append(HeaderField(recipe.header, try signatureValue(recipe: recipe, secret: secret, body: body, timestamp: timestamp, id: id)))
        if let event, case .header(let name)? = profile.event {
            headers.append(HeaderField(name, event))
        }
        if let id, case .header(let name)? = profile.deliveryID, !headers.contains(where: { $0.name.caseInsensitiveEquals(name) }) {
            headers.append(HeaderField(name, id))
        }
        return headers
    }

    /// The value of the signature header alone.
    public static func signatureValue(
        recipe: SignatureRecipe, secret: ProviderSecret, body: [UInt8], timestamp: Int64, id: String?
    ) throws -> String {
        guard let key = secret.key(for: recipe.secretEncoding) else {
            throw SigningError(description: "the secret \(secret.label) is not in the form this provider expects (base64)")
        }
        let message = recipe.message.render(body: body, timestamp: String(timestamp), id: id)
        let mac = HMACSHA256.code(key: key, message: message)
        let digest = recipe.encoding == .hex ? Hex.encode(mac) : Base64.encode(mac)
        switch recipe.format {
        case .digest(let prefix):
            return prefix + digest
        case .keyValueList(let timestampKey, let signatureKey, let separator):
            let signature = "\(signatureKey)=\(digest)"
            return timestampKey.map { "\($0)=\(timestamp)\(separator)\(signature)" } ?? signature
        case .versionedList(let version):
            return "\(version),\(digest)"
        }
    }
}

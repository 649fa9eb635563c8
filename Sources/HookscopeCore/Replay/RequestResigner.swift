/// Refreshes a captured request's signature for the bytes about to be sent: the signature
/// header (and the timestamp, where the scheme signs one) get new values in place, every
/// other header stays as it was, where it was.
public enum RequestResigner {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The headers with a fresh signature over `body` at `timestamp` (unix seconds), for a
    /// request sent with `method` to `url` (recipes that sign them).
    public static func resign(
        headers: [HeaderField], body: [UInt8], profile: ProviderProfile, secret: ProviderSecret, timestamp: Int64,
        url: String? = nil, method: String = "POST"
    ) throws -> [HeaderField] {
        guard let recipe = profile.signature else {
            throw Failure(description: "\(profile.displayName)'s documentation does not say how it signs; nothing to re-sign")
        }
        // A scheme that signs a message id keeps the id the request already carries.
        let id = recipe.idHeader.flatMap { headers.first(named: $0) }
        let fresh: [HeaderField]
        do {
            fresh = try ProviderSigner.headers(
                for: profile, secret: secret, body: body, timestamp: timestamp, id: id, url: url, method: method,
                sentHeaders: headers
            )
        } catch let error as ProviderSigner.SigningError {
            throw Failure(description: error.description)
        }
        var result = headers
        for header in fresh {
            if let index = result.firstIndex(where: { $0.name.caseInsensitiveEquals(header.name) }) {
                result[index].value = header.value
            } else {
                result.append(header)
            }
        }
        return result
    }

    /// A warning when the request carries a signed timestamp older than the scheme's
    /// tolerance: sent as it is, a receiver that checks the age will refuse it.
    public static func staleSignatureWarning(
        headers: [HeaderField], body: [UInt8] = [], profile: ProviderProfile, now: Int64, toleranceOverride: TimestampTolerance? = nil
    ) -> String? {
        guard let recipe = profile.signature, recipe.hasTimestamp,
              let tolerance = toleranceOverride ?? recipe.tolerance,
              let signed = signedTimestamp(headers: headers, body: body, recipe: recipe) else { return nil }
        let age = now - signed
        guard age > Int64(tolerance.seconds) else { return nil }
        return "its \(profile.displayName) signature is \(DurationWords.format(seconds: age)) old, "
            + "past the \(tolerance.seconds) s tolerance (\(tolerance.origin)); a receiver that checks the timestamp "
            + "will refuse it unless it is re-signed"
    }

    /// The unix seconds the request was signed at, from the signature header, the
    /// scheme's timestamp header or its timestamp field in the body (Mailgun).
    static func signedTimestamp(headers: [HeaderField], body: [UInt8] = [], recipe: SignatureRecipe) -> Int64? {
        if let header = recipe.timestampHeader, let text = headers.first(named: header) {
            return Int64(SignatureHeaderParser.trimSpaces(text))
        }
        if let field = recipe.timestampField {
            return JSONPayload(body: body)?.string(at: field).flatMap { Int64(SignatureHeaderParser.trimSpaces($0)) }
        }
        guard let value = headers.first(named: recipe.header),
              case .success(let parsed) = SignatureHeaderParser.parse(value, format: recipe.format, encoding: recipe.encoding),
              let text = parsed.timestamp else { return nil }
        return Int64(text)
    }
}

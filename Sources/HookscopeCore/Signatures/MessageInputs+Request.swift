extension MessageInputs {
    /// What a request gives every recipe before its signature is read: the method, the path,
    /// the headers, and what the template asks of the body (form parameters, JSON fields)
    /// and of the URL. The timestamp and id come later, from the parsed signature.
    static func base(
        request: SignedRequest, recipe: SignatureRecipe, publicURL: String?, exactURL: String?, listenerScheme: String = "http"
    ) -> MessageInputs {
        var inputs = MessageInputs(method: request.method, path: request.path, headers: request.headers)
        let parts = recipe.message.parts
        let readsFields = recipe.bodyPath != nil || recipe.timestampField != nil
            || parts.contains { if case .field = $0 { return true } else { return false } }
        if readsFields { inputs.payload = JSONPayload(body: request.body) }
        if parts.contains(.params) || (readsFields && inputs.payload == nil) {
            inputs.sortedParams = formParameters(request.body)
        }
        if parts.contains(.url) {
            inputs.url = exactURL.map { SignedURL(url: $0, origin: "--url") }
                ?? SignedURL.resolve(target: request.target, headers: request.headers, publicURL: publicURL, listenerScheme: listenerScheme)
        }
        return inputs
    }

    /// Form parameters of an `application/x-www-form-urlencoded` body, decoded and sorted
    /// by name (a stable sort: repeated names keep their order), as Twilio signs them.
    static func formParameters(_ body: [UInt8]) -> [(String, String)] {
        guard !body.isEmpty, let text = String(validating: body, as: UTF8.self) else { return [] }
        return QueryString.pairs(text).enumerated()
            .sorted { $0.element.0 == $1.element.0 ? $0.offset < $1.offset : $0.element.0 < $1.element.0 }
            .map(\.element)
    }

    /// The signature's text: the header's value, or the body field's.
    func signatureValue(recipe: SignatureRecipe, headers: [HeaderField]) -> String? {
        if let path = recipe.bodyPath { return field(path) }
        return headers.first(named: recipe.header)
    }

    /// A token header's value after its prefix, as bytes to compare with the secret.
    static func tokenBytes(_ value: String, format: SignatureFormat) -> [UInt8] {
        let trimmed = SignatureHeaderParser.trimSpaces(value)
        if case .digest(let prefix) = format, !prefix.isEmpty, SignatureHeaderParser.hasPrefixIgnoringASCIICase(trimmed, prefix) {
            return Array(trimmed.utf8.dropFirst(prefix.utf8.count))
        }
        return Array(trimmed.utf8)
    }

    /// Fills in the timestamp and id the template needs; the reason says what is missing.
    mutating func complete(recipe: SignatureRecipe, parsed: ParsedSignature, headers: [HeaderField]) -> Result<Void, MalformedSignature> {
        timestamp = parsed.timestamp
        let parts = recipe.message.parts
        if parts.contains(.timestamp), timestamp == nil {
            let text: String?
            let name: String
            if let path = recipe.timestampField {
                text = field(path)
                name = "body:\(path)"
            } else {
                name = recipe.timestampHeader ?? "timestamp"
                text = recipe.timestampHeader.flatMap { headers.first(named: $0) }
            }
            guard let text else {
                return .failure(MalformedSignature("no \(name)\(recipe.timestampField == nil ? " header" : ""); the signed message \(recipe.message) needs it"))
            }
            if recipe.timestampFormat == .unix {
                if case .failure(let problem) = SignatureHeaderParser.parseTimestamp(text, field: name) { return .failure(problem) }
            } else if recipe.timestampFormat.seconds(from: text) == nil {
                return .failure(MalformedSignature("\(name) \(SignatureHeaderParser.quote(text)) is not a \(recipe.timestampFormat.rawValue) timestamp"))
            }
            timestamp = SignatureHeaderParser.trimSpaces(text)
        }
        if parts.contains(.id) {
            guard let header = recipe.idHeader, let text = headers.first(named: header) else {
                let name = recipe.idHeader ?? "id"
                return .failure(MalformedSignature("no \(name) header; the signed message \(recipe.message) needs it"))
            }
            guard !text.isEmpty else { return .failure(MalformedSignature("\(header) is empty; the signed message \(recipe.message) needs it")) }
            id = text
        }
        return .success(())
    }
}

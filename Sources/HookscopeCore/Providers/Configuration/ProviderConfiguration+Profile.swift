extension ProviderConfiguration {
    /// The most retries an entry may list, and the longest delay or span, 30 days: more than
    /// any documented schedule, small enough for every later multiplication.
    static let maximumRetryCount = 1_000
    static let maximumRetrySpanSeconds = 30 * 86_400

    /// A user-defined provider from its config mapping.
    /// - Parameter siblings: the file's other entries, for `extends:`.
    static func profile(named name: String, from map: ConfigMap, siblings: ConfigMap? = nil) throws -> ProviderProfile {
        try map.allowOnly(["name", "docs", "recognise", "recognize", "extends", "signature", "event", "delivery_id", "retries", "unknown"])
        var recognition = ProviderRecognition()
        if let node = map["recognise"] ?? map["recognize"] {
            let r = try node.map()
            try r.allowOnly(["headers", "payload", "payload_alone"])
            recognition.headerRules = try r["headers"]?.stringLists() ?? []
            recognition.payloadKeys = try r["payload"]?.strings() ?? []
            recognition.payloadAlone = try r["payload_alone"]?.bool() ?? recognition.headerRules.isEmpty
        }
        let signatureMap = try signatureNode(of: map, siblings: siblings)?.map()
        let signatureIsDocumented = try signatureMap?["kind"]?.string() != "none"
        let signature = try signatureMap.flatMap { signatureIsDocumented ? try recipe(from: $0) : nil }
        if let signatureMap, !signatureIsDocumented { try signatureMap.allowOnly(["kind", "source"]) }
        let retriesMap = try map["retries"]?.map()
        let documentation = ProviderDocumentation(
            docs: try map["docs"]?.string(),
            signatureSource: try signatureMap?["source"]?.string(),
            retriesSource: try retriesMap?["source"]?.string(),
            unknown: try map["unknown"]?.strings() ?? []
        )
        if recognition.headerRules.isEmpty, recognition.payloadKeys.isEmpty, let header = signature?.header {
            // Without an explicit rule, the signature header itself recognises the sender.
            recognition.headerRules = [[header]]
        }
        return ProviderProfile(
            name: name,
            displayName: try map["name"]?.string() ?? name,
            recognition: recognition,
            signature: signature,
            event: try map["event"].map(fieldSource),
            deliveryID: try map["delivery_id"].map(fieldSource),
            retries: try retriesMap.map { try retries(from: $0) } ?? .undocumented,
            documentation: documentation
        )
    }

    static func recipe(from map: ConfigMap) throws -> SignatureRecipe {
        try map.allowOnly(["kind", "algorithm", "header", "body", "prefix", "list", "versioned", "message", "encoding",
                           "secret_encoding", "timestamp_header", "timestamp_field", "timestamp_format", "id_header",
                           "tolerance", "tolerance_origin", "public_key", "source"])
        let kind = try signatureKind(map)
        let bodyPath = try map["body"]?.string()
        let header = try map["header"]?.string()
        guard (header == nil) != (bodyPath == nil) else {
            throw Problem(map.path, header == nil ? "missing 'header' (or 'body' for a signature in the body)" : "give header or body, not both")
        }
        if bodyPath != nil, kind == .token { throw Problem(map.path, "a token is read from a header") }
        let formats = ["prefix", "list", "versioned"].filter { map[$0] != nil }
        guard formats.count <= 1 else { throw Problem(map.path, "give one of prefix, list, versioned, not \(formats.joined(separator: " and "))") }
        var format = SignatureFormat.digest(prefix: try map["prefix"]?.string() ?? "")
        if let list = try map["list"]?.map() {
            try list.allowOnly(["timestamp", "signature", "separator"])
            let separator = try list["separator"]?.string() ?? ","
            guard separator.count == 1, let character = separator.first else { throw Problem(list.path + ".separator", "expected one character") }
            format = .keyValueList(timestampKey: try list["timestamp"]?.string(), signatureKey: try list.required("signature").string(), separator: character)
        }
        if let versioned = map["versioned"] { format = .versionedList(version: try versioned.string()) }
        if kind == .token, map["list"] != nil || map["versioned"] != nil { throw Problem(map.path, "a token takes at most a prefix") }

        let messageNode = map["message"]
        let messageText = try messageNode?.string() ?? "{body}"
        guard let message = MessageTemplate(parsing: messageText) else {
            throw Problem(messageNode?.path ?? map.path, "'\(messageText)' is not a message template: use {body}, {timestamp}, {id}, {method}, {url}, {path}, {params}, {header:Name}, {field:path} with any text between")
        }
        var encoding = DigestEncoding.hex
        if let node = map["encoding"] {
            guard let value = DigestEncoding(rawValue: try node.string()) else { throw Problem(node.path, "expected hex, base64 or base64url") }
            encoding = value
        } else if kind != .token {
            throw Problem(map.path, "missing 'encoding'")
        }
        var secretEncoding = SecretEncoding.raw
        if let node = map["secret_encoding"] {
            let text = try node.string()
            switch text {
            case "raw": secretEncoding = .raw
            case "base64": secretEncoding = .base64(prefix: "")
            case "hex": secretEncoding = .hex
            case _ where text.hasPrefix("base64:"): secretEncoding = .base64(prefix: String(text.dropFirst(7)))
            default: throw Problem(node.path, "expected raw, base64, base64:<prefix> or hex")
            }
        }
        let timestampHeader = try map["timestamp_header"]?.string()
        let timestampField = try map["timestamp_field"]?.string()
        var timestampFormat = TimestampFormat.unix
        if let node = map["timestamp_format"] {
            guard let value = TimestampFormat(rawValue: try node.string()) else { throw Problem(node.path, "expected unix, unix_ms or rfc3339") }
            timestampFormat = value
        }
        let hasTimestampInHeader: Bool = { if case .keyValueList(let t?, _, _) = format { return !t.isEmpty } else { return false } }()
        if message.parts.contains(.timestamp), timestampHeader == nil, timestampField == nil, !hasTimestampInHeader {
            throw Problem(map.path, "the message uses {timestamp}: give timestamp_header, timestamp_field, or a list with a timestamp key")
        }
        let idHeader = try map["id_header"]?.string()
        if message.parts.contains(.id), idHeader == nil {
            throw Problem(map.path, "the message uses {id}: give id_header")
        }
        var tolerance: TimestampTolerance?
        if message.parts.contains(.timestamp) {
            let seconds = try map["tolerance"]?.int() ?? TimestampTolerance.defaultSeconds
            guard seconds >= 0 else { throw Problem(map.path + ".tolerance", "must not be negative") }
            let origin = try map["tolerance_origin"]?.string() ?? (map["tolerance"] == nil ? "hookscope default" : "config file")
            tolerance = TimestampTolerance(seconds: seconds, origin: origin)
        }
        let publicKey = try map["public_key"]?.string()
        if publicKey != nil, !kind.isAsymmetric { throw Problem(map.path + ".public_key", "only ed25519 and ecdsa-p256 take a public key") }
        return SignatureRecipe(
            header: header ?? "", format: format, message: message, encoding: encoding, secretEncoding: secretEncoding,
            timestampHeader: timestampHeader, idHeader: idHeader, tolerance: tolerance,
            kind: kind, bodyPath: bodyPath, timestampField: timestampField, timestampFormat: timestampFormat,
            publicKey: publicKey, source: try map["source"]?.string()
        )
    }

    private static func signatureKind(_ map: ConfigMap) throws -> SignatureKind {
        let kindText = try map["kind"]?.string() ?? "hmac"
        var algorithm = HashAlgorithm.sha256
        if let node = map["algorithm"] {
            guard kindText == "hmac", let value = HashAlgorithm(rawValue: try node.string()) else {
                throw Problem(node.path, kindText == "hmac" ? "expected sha1, sha256 or sha512" : "only hmac takes an algorithm")
            }
            algorithm = value
        }
        switch kindText {
        case "hmac": return .hmac(algorithm)
        case "ed25519": return .ed25519
        case "ecdsa-p256": return .ecdsaP256
        case "token": return .token
        default: throw Problem((map["kind"]?.path ?? map.path), "expected hmac, ed25519, ecdsa-p256, token or none")
        }
    }

    static func fieldSource(_ node: ConfigNode) throws -> FieldSource {
        let text = try node.string()
        guard let source = FieldSource(parsing: text) else { throw Problem(node.path, "expected header:<Name> or body:<path>, got '\(text)'") }
        return source
    }

    static func retries(from map: ConfigMap) throws -> RetrySchedule {
        try map.allowOnly(["failure", "delays", "timeout", "answer_timeout", "retry_count", "window", "after_last_failure", "summary", "source"])
        var failure: RetrySchedule.FailureRule?
        if let node = map["failure"] {
            let text = try node.string()
            if text == "non-2xx" {
                failure = .non2xx
            } else if text.hasPrefix("above:"), let limit = Int(text.dropFirst(6)) {
                failure = .statusAbove(limit)
            } else {
                throw Problem(node.path, "expected non-2xx or above:<status>")
            }
        }
        // Range-checked here so `hookscope send` never multiplies a user's number past what a
        // clock or an array can hold (a trap, not an error, on the send path).
        func seconds(_ node: ConfigNode, in range: ClosedRange<Int>) throws -> Int {
            let value = try node.int()
            guard range.contains(value) else {
                throw Problem(node.path, "must be between \(range.lowerBound) and \(range.upperBound) seconds, got \(value)")
            }
            return value
        }
        let delays = try map["delays"].map { node -> [Int] in
            guard let list = node.value as? [Any] else { throw Problem(node.path, "expected a list of seconds") }
            guard list.count <= Self.maximumRetryCount else { throw Problem(node.path, "at most \(Self.maximumRetryCount) delays, got \(list.count)") }
            return try list.enumerated().map { try seconds(ConfigNode($1, path: "\(node.path)[\($0)]"), in: 0...Self.maximumRetrySpanSeconds) }
        }
        let retryCount = try map["retry_count"].map { node -> Int in
            let value = try node.int()
            guard (0...Self.maximumRetryCount).contains(value) else { throw Problem(node.path, "must be between 0 and \(Self.maximumRetryCount), got \(value)") }
            return value
        }
        return RetrySchedule(
            failure: failure, answerTimeoutSeconds: try (map["answer_timeout"] ?? map["timeout"]).map { try seconds($0, in: 1...86_400) },
            delaysSeconds: delays,
            retryCount: retryCount, windowSeconds: try map["window"].map { try seconds($0, in: 0...Self.maximumRetrySpanSeconds) },
            afterLastFailure: try map["after_last_failure"]?.string(),
            summary: try map["summary"]?.string() ?? "from the config file"
        )
    }
}

extension ProviderConfiguration {
    /// A user-defined provider from its config mapping.
    static func profile(named name: String, from map: ConfigMap) throws -> ProviderProfile {
        try map.allowOnly(["name", "recognise", "recognize", "signature", "event", "delivery_id", "retries"])
        var recognition = ProviderRecognition()
        if let node = map["recognise"] ?? map["recognize"] {
            let r = try node.map()
            try r.allowOnly(["headers", "payload"])
            recognition.headerRules = try r["headers"]?.stringLists() ?? []
            recognition.payloadKeys = try r["payload"]?.strings() ?? []
        }
        let signature = try map["signature"].map { try recipe(from: $0.map()) }
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
            retries: try map["retries"].map { try retries(from: $0.map()) } ?? .undocumented
        )
    }

    static func recipe(from map: ConfigMap) throws -> SignatureRecipe {
        try map.allowOnly(["header", "prefix", "list", "versioned", "message", "encoding", "secret_encoding",
                           "timestamp_header", "id_header", "tolerance"])
        let header = try map.required("header").string()
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

        let messageNode = map["message"]
        let messageText = try messageNode?.string() ?? "{body}"
        guard let message = MessageTemplate(parsing: messageText) else {
            throw Problem(messageNode?.path ?? map.path, "'\(messageText)' is not a message template: use {body}, {timestamp} and {id} with any text between")
        }
        let encodingNode = try map.required("encoding")
        guard let encoding = DigestEncoding(rawValue: try encodingNode.string()) else {
            throw Problem(encodingNode.path, "expected hex or base64")
        }
        var secretEncoding = SecretEncoding.raw
        if let node = map["secret_encoding"] {
            let text = try node.string()
            switch text {
            case "raw": secretEncoding = .raw
            case "base64": secretEncoding = .base64(prefix: "")
            case _ where text.hasPrefix("base64:"): secretEncoding = .base64(prefix: String(text.dropFirst(7)))
            default: throw Problem(node.path, "expected raw, base64 or base64:<prefix>")
            }
        }
        let timestampHeader = try map["timestamp_header"]?.string()
        let hasTimestampInHeader: Bool = { if case .keyValueList(let t?, _, _) = format { return !t.isEmpty } else { return false } }()
        if message.parts.contains(.timestamp), timestampHeader == nil, !hasTimestampInHeader {
            throw Problem(map.path, "the message uses {timestamp}: give timestamp_header, or a list with a timestamp key")
        }
        let idHeader = try map["id_header"]?.string()
        if message.parts.contains(.id), idHeader == nil {
            throw Problem(map.path, "the message uses {id}: give id_header")
        }
        var tolerance: TimestampTolerance?
        if message.parts.contains(.timestamp) {
            let seconds = try map["tolerance"]?.int() ?? TimestampTolerance.defaultSeconds
            guard seconds >= 0 else { throw Problem(map.path + ".tolerance", "must not be negative") }
            tolerance = TimestampTolerance(seconds: seconds, origin: map["tolerance"] == nil ? "hookscope default" : "config file")
        }
        return SignatureRecipe(
            header: header, format: format, message: message, encoding: encoding, secretEncoding: secretEncoding,
            timestampHeader: timestampHeader, idHeader: idHeader, tolerance: tolerance
        )
    }

    static func fieldSource(_ node: ConfigNode) throws -> FieldSource {
        let text = try node.string()
        guard let source = FieldSource(parsing: text) else { throw Problem(node.path, "expected header:<Name> or body:<path>, got '\(text)'") }
        return source
    }

    static func retries(from map: ConfigMap) throws -> RetrySchedule {
        try map.allowOnly(["failure", "delays", "timeout"])
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
        let delays = try map["delays"].map { node -> [Int] in
            guard let list = node.value as? [Any] else { throw Problem(node.path, "expected a list of seconds") }
            return try list.enumerated().map { try ConfigNode($1, path: "\(node.path)[\($0)]").int() }
        }
        return RetrySchedule(
            failure: failure, answerTimeoutSeconds: try map["timeout"]?.int(), delaysSeconds: delays,
            summary: "from the config file"
        )
    }
}

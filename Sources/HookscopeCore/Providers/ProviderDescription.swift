/// How `hookscope providers` and the README's table describe catalogue entries: one line
/// (or table row) per provider, and every fact of one entry. Pure text; network-free.
public enum ProviderDescription {
    /// `Stripe-Signature: t=<unix seconds>,v1=<hex>`, HMAC-SHA256 of `{timestamp}.{body}`.
    public static func signs(_ profile: ProviderProfile) -> String {
        guard let recipe = profile.signature else {
            return profile.documentation.signatureSource == nil ? "not signed" : "signed, recipe not documented"
        }
        let layout = recipe.kind == .token
            ? (recipe.format == .digest(prefix: "") ? "<token>" : SignatureHeaderParser.layout(recipe.format, recipe.encoding).replacingOccurrences(of: "<\(recipe.encoding.rawValue)>", with: "<token>"))
            : SignatureHeaderParser.layout(recipe.format, recipe.encoding)
        let place = recipe.bodyPath.map { "body \($0) = \(layout)" } ?? "\(recipe.header): \(layout)"
        switch recipe.kind {
        case .token: return "\(place), the shared token as is"
        case .hmac(let algorithm): return "\(place), HMAC-\(algorithm.rawValue.uppercased()) of \(recipe.message)"
        case .ed25519: return "\(place), Ed25519 of \(recipe.message)"
        case .ecdsaP256: return "\(place), ECDSA P-256/SHA-256 (DER) of \(recipe.message)"
        }
    }

    /// The retry schedule in a few words, or what is missing: "not documented" only when the
    /// entry says its documentation is silent on it (`unknown`), else "not in the catalogue"
    /// (nobody has written it down, which says nothing about the provider).
    public static func retries(_ profile: ProviderProfile) -> String {
        if profile.retries != .undocumented { return profile.retries.summary }
        let silent = profile.documentation.unknown.contains { $0.lowercased().hasPrefix("retry schedule") }
        return silent ? "not documented" : "not in the catalogue"
    }

    /// `hookscope providers`: one block of aligned lines per provider.
    public static func list(_ profiles: [ProviderProfile]) -> String {
        let width = max(4, profiles.map(\.name.count).max() ?? 4)
        return profiles.map { profile in
            let pad = String(repeating: " ", count: width - profile.name.count)
            let indent = String(repeating: " ", count: width + 2)
            return "\(profile.name)\(pad)  \(profile.displayName)\n"
                + "\(indent)signs:   \(signs(profile))\n"
                + "\(indent)retries: \(retries(profile))\n"
                + "\(indent)docs:    \(profile.documentation.docs ?? "none given")"
        }.joined(separator: "\n")
    }

    /// `hookscope providers NAME`: every fact of one entry, with where it comes from and
    /// what the documentation does not say.
    public static func details(_ profile: ProviderProfile) -> String {
        var lines = ["\(profile.displayName) (\(profile.name))"]
        func add(_ label: String, _ value: String?) {
            guard let value else { return }
            lines.append("  \(label.padding(toLength: 17, withPad: " ", startingAt: 0)) \(value)")
        }
        add("documentation", profile.documentation.docs)
        let rules = profile.recognition.headerRules.map { $0.joined(separator: " + ") }
        add("recognised by", rules.isEmpty ? nil : "headers " + rules.joined(separator: ", or "))
        add(rules.isEmpty ? "recognised by" : "or", profile.recognition.payloadKeys.isEmpty ? nil : "JSON keys " + profile.recognition.payloadKeys.joined(separator: ", "))
        add("signature", signs(profile))
        if let recipe = profile.signature {
            add("kind", recipe.kind.configName + { if case .hmac(let a) = recipe.kind { return " (\(a.rawValue))" } else { return "" } }())
            if recipe.kind != .token { add("encoding", recipe.encoding.rawValue) }
            if case .hmac = recipe.kind { add("secret", secretWords(recipe.secretEncoding)) }
            if recipe.kind.isAsymmetric { add("key", "the sender's public key (--secret \(profile.name)=KEY); signing needs --private-key FILE") }
            add("timestamp", recipe.timestampHeader.map { "header \($0)" } ?? recipe.timestampField.map { "body \($0)" })
            if recipe.timestampFormat != .unix { add("timestamp format", recipe.timestampFormat.rawValue) }
            add("message id", recipe.idHeader.map { "header \($0)" })
            add("tolerance", recipe.tolerance.map { "\($0.seconds) s (\($0.origin))" })
            if recipe.message.uses(.url) { add("signed URL", "--public-url, else X-Forwarded-Proto/Host, else Host; verify --url") }
        }
        add("recipe source", profile.documentation.signatureSource)
        add("event", profile.event?.description)
        add("delivery id", profile.deliveryID?.description)
        add("retries", retries(profile))
        if let timeout = profile.retries.answerTimeoutSeconds { add("answer timeout", "\(timeout) s") }
        add("retries source", profile.documentation.retriesSource)
        let unknown = profile.documentation.unknown
        add("not documented", unknown.isEmpty ? nil : unknown.joined(separator: "; "))
        return lines.joined(separator: "\n")
    }

    private static func secretWords(_ encoding: SecretEncoding) -> String {
        switch encoding {
        case .raw: return "used as text"
        case .hex: return "hex-decoded"
        case .base64(let prefix): return prefix.isEmpty ? "base64-decoded" : "base64-decoded after \(prefix)"
        }
    }

    /// The README's provider table (Markdown), generated by `scripts/provider-table`.
    public static func markdownTable(_ profiles: [ProviderProfile]) -> String {
        // `<hex>` would be read as an HTML tag and vanish; a pipe would end the cell.
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var rows = [
            "| provider | signature checked | event, delivery id | retries | documented at | not documented |",
            "|---|---|---|---|---|---|",
        ]
        for p in profiles {
            let fields = [p.event?.description, p.deliveryID?.description].compactMap { $0 }
            var sources = [p.documentation.docs.map { "main: \($0)" }, p.documentation.signatureSource.map { "recipe: \($0)" },
                           p.documentation.retriesSource.map { "retries: \($0)" }].compactMap { $0 }
            if sources.isEmpty { sources = ["none given"] }
            rows.append("| `\(p.name)` | \(cell(signs(p))) | \(cell(fields.isEmpty ? "not read" : fields.joined(separator: ", "))) | "
                + "\(cell(retries(p))) | \(cell(sources.joined(separator: "; "))) | \(cell(p.documentation.unknown.joined(separator: "; "))) |")
        }
        return rows.joined(separator: "\n")
    }
}

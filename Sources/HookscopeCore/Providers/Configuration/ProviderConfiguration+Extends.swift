import Yams

extension ProviderConfiguration {
    /// An entry's `signature:` as the profile reads it. With `extends: NAME` (a built-in, or
    /// another entry of the same file) it is NAME's `signature:` keys with the ones this entry
    /// gives in their place: Clerk and Resend are Svix's recipe with their own source, OpenAI
    /// and Replicate Standard Webhooks'. Only the recipe is taken; recognition, event,
    /// retries and what is not documented stay the entry's own.
    static func signatureNode(of map: ConfigMap, siblings: ConfigMap?) throws -> ConfigNode? {
        guard let extends = map["extends"] else { return map["signature"] }
        let base = try extends.string().lowercased()
        guard let baseEntry = try siblings?[base]?.map() ?? builtInEntry(named: base) else {
            throw Problem(extends.path, "no provider '\(TerminalSafeText.string(base))' to extend (a built-in or another entry of this file)")
        }
        guard baseEntry["extends"] == nil else {
            throw Problem(extends.path, "'\(base)' extends another entry itself; extend that one")
        }
        guard let baseSignature = baseEntry["signature"]?.value as? [AnyHashable: Any], baseSignature["kind"] as? String != "none" else {
            throw Problem(extends.path, "'\(base)' documents no recipe to extend")
        }
        var merged = baseSignature
        if let own = map["signature"] {
            guard let ownKeys = own.value as? [AnyHashable: Any] else { throw Problem(own.path, "expected a mapping") }
            for (key, value) in ownKeys { merged[key] = value }
        }
        return ConfigNode(merged, path: map.path.isEmpty ? "signature" : "\(map.path).signature")
    }

    /// A built-in entry's mapping, read from its YAML (not its parsed profile, which may be
    /// the one being built).
    private static func builtInEntry(named name: String) throws -> ConfigMap? {
        guard let source = ProviderCatalogue.sources.first(where: { $0.hasPrefix(name + ":") }),
              let loaded = try? Yams.load(yaml: source) as? [AnyHashable: Any], let entry = loaded[name]
        else { return nil }
        return try ConfigNode(entry, path: name).map()
    }
}

/// Turns what the user said (command-line secrets and pins, the environment, the config
/// file) into a `ProviderAnalyzer`. Pure: the caller reads files and the environment.
public struct ProviderSettings: Sendable {
    /// A problem in what the user said, worded for the command line.
    public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public var profiles: [ProviderProfile] = BuiltInProviders.all
    public var secrets = SecretRing()
    public var pins = ProviderPins()
    public var toleranceOverride: TimestampTolerance?
    /// `--public-url`, or the URL a tunnel found.
    public var publicURL: PublicURL?
    /// `https` when the listener serves TLS itself (`--tls-cert`).
    public var listenerScheme = "http"

    public init() {}

    public var analyzer: ProviderAnalyzer {
        var analyzer = ProviderAnalyzer(profiles: profiles, secrets: secrets, pins: pins, toleranceOverride: toleranceOverride, publicURL: publicURL)
        analyzer.listenerScheme = listenerScheme
        return analyzer
    }

    /// Adds `PROVIDER=SECRET` (the secret may itself contain `=`).
    public mutating func addSecretArgument(_ text: String, origin: String = "--secret") throws {
        guard let equals = text.firstIndex(of: "=") else {
            throw UsageError("--secret needs PROVIDER=SECRET, e.g. --secret teamwork=... (got no '=')")
        }
        let name = String(text[..<equals])
        let value = String(text[text.index(after: equals)...])
        try Self.checkName(name, in: "--secret")
        guard !value.isEmpty else { throw UsageError("--secret \(name)= has an empty secret") }
        secrets.add(ProviderSecret(provider: name, value: value, origin: origin))
    }

    /// Adds every `HOOKSCOPE_SECRET_<PROVIDER>` variable, mapping the variable's name back
    /// to a known provider where one fits (`MY_APP` → `my-app` when that profile exists).
    public mutating func addSecrets(fromEnvironment environment: [String: String]) {
        let prefix = "HOOKSCOPE_SECRET_"
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) where key.hasPrefix(prefix) && !value.isEmpty {
            let suffix = String(key.dropFirst(prefix.count))
            guard !suffix.isEmpty else { continue }
            let known = profiles.first { SignatureVerifier.environmentName(for: $0.name) == key }
            secrets.add(ProviderSecret(provider: known?.name ?? suffix.lowercased(), value: value, origin: key))
        }
    }

    /// Adds `NAME` (pins every path) or `/path=NAME` (a trailing `*` pins a prefix).
    public mutating func addPinArgument(_ text: String) throws {
        if text.hasPrefix("/") {
            guard let equals = text.lastIndex(of: "=") else {
                throw UsageError("--provider \(text): a path pin is /path=PROVIDER")
            }
            let name = String(text[text.index(after: equals)...])
            try Self.checkName(name, in: "--provider")
            pins.paths.append((String(text[..<equals]), name.lowercased()))
        } else {
            try Self.checkName(text, in: "--provider")
            pins.everywhere = text.lowercased()
        }
    }

    /// Adds user-defined profiles; one with a built-in name replaces the built-in.
    /// They are tried before the built-ins, so a user's specific rule wins.
    public mutating func addProfiles(_ custom: [ProviderProfile]) {
        let names = Set(custom.map(\.name))
        profiles = custom + profiles.filter { !names.contains($0.name) }
    }

    public mutating func setTolerance(seconds: Int, origin: String) throws {
        guard seconds >= 0 else { throw UsageError("\(origin) must not be negative") }
        toleranceOverride = TimestampTolerance(seconds: seconds, origin: origin)
    }

    /// The names of the catalogue's providers and the config file's.
    public var names: ProviderNames { ProviderNames(profiles.map(\.name)) }

    /// Every provider name given must stand (`ProviderNames.problem`): a pin names a
    /// provider, or a name with secrets (discovery); a secret's name may be one of the
    /// user's own (discovery), but never a near miss of a provider's (`githb`).
    public func validate() throws {
        let names = self.names
        let pinned = [pins.everywhere].compactMap { $0 } + pins.paths.map(\.provider)
        for name in pinned {
            if let problem = names.problem(with: name, hasSecrets: !secrets.secrets(for: name).isEmpty, needsProfile: false) {
                throw UsageError("--provider: \(problem)")
            }
        }
        for secret in secrets.all {
            if let problem = names.problem(with: secret.provider, hasSecrets: true, needsProfile: false) {
                throw UsageError("\(secret.origin): \(problem)")
            }
        }
    }

    /// Names with secrets that are no provider: their secrets are only tried for discovery.
    public var discoveryNames: [String] {
        secrets.providers.filter { name in !profiles.contains { $0.name == name } }
    }

    static func checkName(_ name: String, in option: String) throws {
        guard !name.isEmpty, name.utf8.count <= 64,
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == ".") })
        else { throw UsageError("\(option): '\(TerminalSafeText.string(name))' is not a provider name (letters, digits, - _ .)") }
    }
}

extension ProviderSettings {
    /// For `verify` and `sign`, where the provider is named separately: `--secret S` is a
    /// secret for `provider`, unless it reads `NAME=S` with NAME a known provider.
    public mutating func addCommandSecret(_ text: String, provider: String?) throws {
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals]).lowercased()
            // Without --provider, NAME=S is the only reading (NAME may be a config-file
            // provider, whose profile is added after the secrets).
            if provider == nil || profiles.contains(where: { $0.name == name }) || name == provider?.lowercased() {
                try addSecretArgument(text)
                return
            }
            // `--secret githb=S` was meant as NAME=S, not as a secret that reads so.
            if let near = names.nearMiss(name) {
                throw UsageError("--secret: unknown provider '\(TerminalSafeText.string(name))'; did you mean '\(near)=…'? (or give the secret alone: --provider names whose it is)")
            }
        }
        guard let provider else {
            throw UsageError("--secret \(text.isEmpty ? "''" : "…") needs --provider, or the form PROVIDER=SECRET")
        }
        guard !text.isEmpty else { throw UsageError("--secret is empty") }
        secrets.add(ProviderSecret(provider: provider, value: text, origin: "--secret"))
    }
}

extension ProviderSettings {
    /// One line for a start-up banner: which providers have secrets, by masked label only,
    /// e.g. `secrets: github (gh…ef), teamwork (2: be…b5, ol…b5)`; nil when there are none.
    public var secretsSummary: String? {
        guard !secrets.isEmpty else { return nil }
        let parts = secrets.providers.map { name -> String in
            let labels = secrets.secrets(for: name).map(\.label)
            // A name that is no provider: say what its secrets are for.
            let discovery = profiles.contains { $0.name == name } ? "" : ", no such provider: tried for discovery only"
            return labels.count == 1 ? "\(name) (\(labels[0])\(discovery))" : "\(name) (\(labels.count): \(labels.joined(separator: ", "))\(discovery))"
        }
        return "secrets: " + parts.joined(separator: ", ")
    }
}

/// One secret for one provider, with where it came from. Its value never leaves this type
/// except as key bytes: everything printed uses `label`.
public struct ProviderSecret: Sendable, Equatable {
    /// The provider name it belongs to (lowercased), e.g. `teamwork`.
    public var provider: String
    public var value: String
    /// Where it came from: `--secret`, `HOOKSCOPE_SECRET_TEAMWORK`, `config`.
    public var origin: String

    public init(provider: String, value: String, origin: String) {
        self.provider = provider.lowercased()
        self.value = value
        self.origin = origin
    }

    /// A masked form that lets a person tell secrets apart without revealing them:
    /// `tw…3f` for long secrets, less for short ones, nothing for very short ones.
    public var label: String {
        let chars = Array(value)
        switch chars.count {
        case 12...: return "\(String(chars.prefix(2)))…\(String(chars.suffix(2)))"
        case 6..<12: return "\(chars[0])…\(chars[chars.count - 1])"
        default: return "…(\(chars.count) chars)"
        }
    }

    /// Key bytes for a recipe's secret encoding; nil when the secret cannot be read that way.
    public func key(for encoding: SecretEncoding) -> [UInt8]? {
        switch encoding {
        case .raw:
            return Array(value.utf8)
        case .base64(let prefix):
            let text = value.hasPrefix(prefix) ? String(value.dropFirst(prefix.count)) : value
            return Base64.decode(text)
        case .hex:
            return Hex.decode(value)
        }
    }
}

/// Every configured secret, grouped by provider, in the order given (rotation order).
public struct SecretRing: Sendable, Equatable {
    public private(set) var all: [ProviderSecret] {
        didSet { descriptions = Self.describeAll(all) }
    }
    /// `describe` of each of `all`, written once: a valid signature names its secret, and
    /// the label costs more than the HMAC of a small body.
    private var descriptions: [String]

    public init(_ secrets: [ProviderSecret] = []) {
        self.all = secrets
        self.descriptions = Self.describeAll(secrets)
    }

    public mutating func add(_ secret: ProviderSecret) {
        all.append(secret)
    }

    public func secrets(for provider: String) -> [ProviderSecret] {
        let name = provider.lowercased()
        return all.filter { $0.provider == name }
    }

    public var isEmpty: Bool { all.isEmpty }

    /// The providers with at least one secret, in first-seen order.
    public var providers: [String] {
        var seen: [String] = []
        for s in all where !seen.contains(s.provider) { seen.append(s.provider) }
        return seen
    }

    /// How a matching secret is named in a reason: its label, and which of several it was.
    public func describe(_ secret: ProviderSecret) -> String {
        if let index = all.firstIndex(of: secret) { return descriptions[index] }
        return Self.describe(secret, in: all)
    }

    private static func describeAll(_ all: [ProviderSecret]) -> [String] {
        all.map { describe($0, in: all) }
    }

    private static func describe(_ secret: ProviderSecret, in all: [ProviderSecret]) -> String {
        let group = all.filter { $0.provider == secret.provider }
        guard group.count > 1, let index = group.firstIndex(of: secret) else {
            return "\(secret.label) (from \(secret.origin))"
        }
        return "\(secret.label) (#\(index + 1) of \(group.count) for \(secret.provider), from \(secret.origin))"
    }
}

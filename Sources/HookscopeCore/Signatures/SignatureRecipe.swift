/// How one provider signs: where the signature is, how the signed message is built,
/// how the digest is written and which timestamp rule applies. Pure data, so user-defined
/// providers from the config file are as capable as the built-in ones.
public struct SignatureRecipe: Sendable, Equatable {
    /// The header that carries the signature, e.g. `Productive-Signature`.
    public var header: String
    /// How the header value is laid out.
    public var format: SignatureFormat
    /// What is signed, e.g. `{timestamp}.{body}`.
    public var message: MessageTemplate
    /// How the digest is written in the header.
    public var encoding: DigestEncoding
    /// How the secret the user gives becomes the HMAC key.
    public var secretEncoding: SecretEncoding
    /// Where the `{timestamp}` comes from when it is not inside the signature header.
    public var timestampHeader: String?
    /// Where the `{id}` of the message comes from.
    public var idHeader: String?
    /// How far the timestamp may be from the time of receipt; nil when the scheme has none.
    public var tolerance: TimestampTolerance?

    public init(
        header: String,
        format: SignatureFormat,
        message: MessageTemplate = .body,
        encoding: DigestEncoding,
        secretEncoding: SecretEncoding = .raw,
        timestampHeader: String? = nil,
        idHeader: String? = nil,
        tolerance: TimestampTolerance? = nil
    ) {
        self.header = header
        self.format = format
        self.message = message
        self.encoding = encoding
        self.secretEncoding = secretEncoding
        self.timestampHeader = timestampHeader
        self.idHeader = idHeader
        self.tolerance = tolerance
    }

    /// The name reported in the verdict, e.g. `hmac-sha256-hex`.
    public var scheme: String {
        // Literals, not interpolation: read for every verdict, and the base64 name is too
        // long for an inline small string.
        switch encoding {
        case .hex: return "hmac-sha256-hex"
        case .base64: return "hmac-sha256-base64"
        }
    }

    /// Whether the signed message includes a timestamp that must be checked for age.
    public var hasTimestamp: Bool { message.parts.contains(.timestamp) }
}

/// The layout of a signature header value.
public enum SignatureFormat: Sendable, Equatable {
    /// The value is the digest after an optional fixed prefix (`sha256=`, `v0=` or none).
    case digest(prefix: String)
    /// A list like `t=1629793288,s=280f...`: the timestamp under `timestampKey`, one or
    /// more digests under `signatureKey` (Stripe sends several `v1` while rotating).
    case keyValueList(timestampKey: String?, signatureKey: String, separator: Character)
    /// Standard Webhooks: space-separated `v1,<base64>` entries; other versions are ignored.
    case versionedList(version: String)
}

/// Hex or base64 digests.
public enum DigestEncoding: String, Sendable, Equatable, CaseIterable {
    case hex
    case base64
}

/// How a configured secret becomes key bytes.
public enum SecretEncoding: Sendable, Equatable {
    /// The secret's UTF-8 bytes, as Productive, GitHub, Stripe and most others use.
    case raw
    /// Base64 after an optional prefix (Standard Webhooks: `whsec_<base64>`).
    case base64(prefix: String)
}

/// How far a signed timestamp may be from the moment of receipt, and who said so.
public struct TimestampTolerance: Sendable, Equatable {
    public var seconds: Int
    /// Where the number comes from, said in the reason: `documented by Stripe`,
    /// `hookscope default: the Productive documentation gives none`, `--tolerance`.
    public var origin: String

    public init(seconds: Int, origin: String) {
        self.seconds = seconds
        self.origin = origin
    }

    public static let defaultSeconds = 300
}

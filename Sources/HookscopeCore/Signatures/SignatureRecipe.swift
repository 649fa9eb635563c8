/// How one provider signs: what kind of signature, where it is, how the signed message is
/// built, how the signature is written and which timestamp rule applies. Pure data, so
/// user-defined providers from the config file are as capable as the built-in ones; see
/// docs/provider-catalogue.md for how each field is written.
public struct SignatureRecipe: Sendable, Equatable {
    /// The header that carries the signature, e.g. `Productive-Signature`; unused when
    /// `bodyPath` is set.
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
    /// HMAC (and which hash), Ed25519, ECDSA P-256 or a shared token.
    public var kind: SignatureKind
    /// A JSON path (or form parameter) in the body that carries the signature instead of a
    /// header (Mailgun: `signature.signature`).
    public var bodyPath: String?
    /// A JSON path (or form parameter) in the body that carries `{timestamp}` (Mailgun).
    public var timestampField: String?
    /// How the timestamp is written, for the age check.
    public var timestampFormat: TimestampFormat
    /// The verifying key given in the config entry (asymmetric kinds), tried after any
    /// secret given for the provider.
    public var publicKey: String?
    /// The URL where the recipe is documented.
    public var source: String?

    public init(
        header: String,
        format: SignatureFormat,
        message: MessageTemplate = .body,
        encoding: DigestEncoding,
        secretEncoding: SecretEncoding = .raw,
        timestampHeader: String? = nil,
        idHeader: String? = nil,
        tolerance: TimestampTolerance? = nil,
        kind: SignatureKind = .hmac(.sha256),
        bodyPath: String? = nil,
        timestampField: String? = nil,
        timestampFormat: TimestampFormat = .unix,
        publicKey: String? = nil,
        source: String? = nil
    ) {
        self.header = header
        self.format = format
        self.message = message
        self.encoding = encoding
        self.secretEncoding = secretEncoding
        self.timestampHeader = timestampHeader
        self.idHeader = idHeader
        self.tolerance = tolerance
        self.kind = kind
        self.bodyPath = bodyPath
        self.timestampField = timestampField
        self.timestampFormat = timestampFormat
        self.publicKey = publicKey
        self.source = source
    }

    /// The name reported in the verdict, e.g. `hmac-sha256-hex`, `ed25519-hex`, `token`.
    public var scheme: String {
        // Literals for the common case, not interpolation: read for every verdict, and the
        // base64 name is too long for an inline small string.
        switch (kind, encoding) {
        case (.hmac(.sha256), .hex): return "hmac-sha256-hex"
        case (.hmac(.sha256), .base64): return "hmac-sha256-base64"
        case (.hmac(let algorithm), _): return "hmac-\(algorithm.rawValue)-\(encoding.rawValue)"
        case (.ed25519, _): return "ed25519-\(encoding.rawValue)"
        case (.ecdsaP256, _): return "ecdsa-p256-sha256-\(encoding.rawValue)"
        case (.token, _): return "token"
        }
    }

    /// Where the signature is, for verdicts and reasons: the header name, or `body:path`.
    public var location: String { bodyPath.map { "body:\($0)" } ?? header }

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
    /// Base64 with the URL-safe alphabet, written without padding. (Reading accepts either
    /// alphabet, padded or not, for every base64 recipe.)
    case base64url

    /// How a signer writes `bytes`.
    public func encode(_ bytes: [UInt8]) -> String {
        switch self {
        case .hex: return Hex.encode(bytes)
        case .base64: return Base64.encode(bytes)
        case .base64url:
            return String(Base64.encode(bytes).compactMap { c -> Character? in
                switch c {
                case "+": return "-"
                case "/": return "_"
                case "=": return nil
                default: return c
                }
            })
        }
    }
}

/// How a configured secret becomes key bytes.
public enum SecretEncoding: Sendable, Equatable {
    /// The secret's UTF-8 bytes, as Productive, GitHub, Stripe and most others use.
    case raw
    /// Base64 after an optional prefix (Standard Webhooks: `whsec_<base64>`).
    case base64(prefix: String)
    /// Hex-decoded.
    case hex
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

import Crypto
import Foundation

/// How a recipe's signature is made: a keyed hash, a public-key signature, or a shared
/// token sent as it is.
public enum SignatureKind: Sendable, Equatable {
    /// HMAC with the given hash over the message; the key is the shared secret.
    case hmac(HashAlgorithm)
    /// Ed25519 over the message (Discord); verified with the sender's public key.
    case ed25519
    /// ECDSA on P-256 with SHA-256 over the message, the signature DER-encoded (SendGrid);
    /// verified with the sender's public key.
    case ecdsaP256
    /// The header carries the shared secret itself (GitLab's `X-Gitlab-Token`).
    case token

    /// The name used in the catalogue and the config file: `hmac`, `ed25519`, `ecdsa-p256`, `token`.
    public var configName: String {
        switch self {
        case .hmac: return "hmac"
        case .ed25519: return "ed25519"
        case .ecdsaP256: return "ecdsa-p256"
        case .token: return "token"
        }
    }

    /// Whether verifying takes a public key and signing a private one.
    public var isAsymmetric: Bool { self == .ed25519 || self == .ecdsaP256 }

    /// The length of one decoded signature, when fixed: a digest of another length is
    /// malformed. nil for DER signatures and tokens.
    public var signatureByteCount: Int? {
        switch self {
        case .hmac(let algorithm): return algorithm.byteCount
        case .ed25519: return 64
        case .ecdsaP256, .token: return nil
        }
    }

    /// What the signature is called in reasons: `an HMAC-SHA256 digest`, `an Ed25519 signature`.
    var signatureNoun: String {
        switch self {
        case .hmac(let algorithm): return "an HMAC-\(algorithm.rawValue.uppercased()) digest"
        case .ed25519: return "an Ed25519 signature"
        case .ecdsaP256: return "an ECDSA P-256 signature"
        case .token: return "a token"
        }
    }
}

/// The hash of an HMAC recipe.
public enum HashAlgorithm: String, Sendable, Equatable, CaseIterable {
    case sha1
    case sha256
    case sha512

    public var byteCount: Int {
        switch self {
        case .sha1: return 20
        case .sha256: return 32
        case .sha512: return 64
        }
    }

    /// The HMAC of `message` under `key`. SHA-256, which nearly every delivery uses, goes
    /// through the hand-rolled `HMACSHA256` (cheaper key setup); the others through
    /// swift-crypto's `HMAC`. Each piece of the message is fed where it lies.
    public func mac(key: [UInt8], message: SignedMessage) -> [UInt8] {
        switch self {
        case .sha256:
            return HMACSHA256.code(key: key, message: message)
        case .sha1:
            return Self.mac(HMAC<Insecure.SHA1>.self, key: key, message: message)
        case .sha512:
            return Self.mac(HMAC<SHA512>.self, key: key, message: message)
        }
    }

    /// The HMAC of a message given whole (signing, the tests).
    public func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        mac(key: key, message: SignedMessage(message))
    }

    private static func mac<H: HashFunction>(_: HMAC<H>.Type, key: [UInt8], message: SignedMessage) -> [UInt8] {
        var hmac = HMAC<H>(key: SymmetricKey(data: key))
        message.forEachPiece { hmac.update(data: $0) }
        return Array(hmac.finalize())
    }
}

/// How a timestamp the sender signs is written; only the age check reads it, the message
/// uses the text as sent.
public enum TimestampFormat: String, Sendable, Equatable, CaseIterable {
    /// Unix seconds (most senders).
    case unix
    /// Unix milliseconds.
    case unixMilliseconds = "unix_ms"
    /// RFC 3339 (Twitch).
    case rfc3339

    /// How a signer writes `seconds`.
    public func text(seconds: Int64) -> String {
        switch self {
        case .unix: return String(seconds)
        case .unixMilliseconds: return String(seconds * 1000)
        case .rfc3339: return Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000).rfc3339
        }
    }

    /// Unix seconds, or nil when the text is not in this format.
    public func seconds(from text: String) -> Int64? {
        let trimmed = String(text.trimmingSpacesAndTabs())
        switch self {
        case .unix: return Int64(trimmed)
        case .unixMilliseconds: return Int64(trimmed).map { $0 / 1000 }
        case .rfc3339: return Timestamp(rfc3339: trimmed).map { $0.nanosecondsSinceEpoch / 1_000_000_000 }
        }
    }
}

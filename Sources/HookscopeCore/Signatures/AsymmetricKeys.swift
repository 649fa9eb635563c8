import Crypto
import Foundation

/// Reads the keys of asymmetric recipes from the forms people paste: hex (Discord shows its
/// public key in hex), base64 of the raw key or of DER SubjectPublicKeyInfo (SendGrid), or
/// PEM. Signing keys come from a PEM file (`sign --private-key FILE`, PKCS#8 or SEC 1).
enum AsymmetricKeys {
    /// DER SubjectPublicKeyInfo of an Ed25519 key, up to the 32 key bytes (RFC 8410).
    private static let ed25519PublicPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
    /// PKCS#8 of an Ed25519 private key, up to the 32 seed bytes (RFC 8410).
    private static let ed25519PrivatePrefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    /// The key bytes of a pasted key: PEM's base64 body, hex, or base64.
    static func bytes(_ text: String) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("-----BEGIN") {
            let body = trimmed.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
            return Base64.decode(body)
        }
        if trimmed.utf8.count % 2 == 0, Hex.firstNonHexOffset(trimmed) == nil, let bytes = Hex.decode(trimmed) { return bytes }
        return Base64.decode(trimmed)
    }

    static func ed25519PublicKey(_ text: String) -> Curve25519.Signing.PublicKey? {
        guard var bytes = bytes(text) else { return nil }
        if bytes.count == 44, Array(bytes.prefix(12)) == ed25519PublicPrefix { bytes = Array(bytes.dropFirst(12)) }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
    }

    static func p256PublicKey(_ text: String) -> P256.Signing.PublicKey? {
        guard let bytes = bytes(text) else { return nil }
        if let key = try? P256.Signing.PublicKey(derRepresentation: bytes) { return key }
        if let key = try? P256.Signing.PublicKey(x963Representation: bytes) { return key }
        return try? P256.Signing.PublicKey(compressedRepresentation: bytes)
    }

    static func ed25519PrivateKey(_ text: String) -> Curve25519.Signing.PrivateKey? {
        guard var bytes = bytes(text) else { return nil }
        if bytes.count == 48, Array(bytes.prefix(16)) == ed25519PrivatePrefix { bytes = Array(bytes.dropFirst(16)) }
        return try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
    }

    static func p256PrivateKey(_ text: String) -> P256.Signing.PrivateKey? {
        if let key = try? P256.Signing.PrivateKey(pemRepresentation: text) { return key }
        guard let bytes = bytes(text) else { return nil }
        return try? P256.Signing.PrivateKey(derRepresentation: bytes)
    }

    /// Whether one of `signatures` is a valid signature of `message` under the public key in
    /// `keyText`; nil when `keyText` is not a key of this kind.
    static func verify(kind: SignatureKind, keyText: String, message: SignedMessage, signatures: [[UInt8]]) -> Bool? {
        switch kind {
        case .ed25519:
            guard let key = ed25519PublicKey(keyText) else { return nil }
            // Ed25519 takes the message only whole (it hashes it twice, with the signature's
            // R first): a head or tail costs a copy of the body here.
            let whole = message.bytes
            return signatures.contains { key.isValidSignature($0, for: whole) }
        case .ecdsaP256:
            guard let key = p256PublicKey(keyText) else { return nil }
            // ECDSA P-256 signs the message's SHA-256: hashed piece by piece, no copy.
            var hash = SHA256()
            message.forEachPiece { hash.update(bufferPointer: $0) }
            let digest = hash.finalize()
            return signatures.contains { bytes in
                // DER as documented; the raw r||s form is accepted too, it cannot be confused.
                let signature = (try? P256.Signing.ECDSASignature(derRepresentation: bytes))
                    ?? (try? P256.Signing.ECDSASignature(rawRepresentation: bytes))
                return signature.map { key.isValidSignature($0, for: digest) } ?? false
            }
        case .hmac, .token:
            return nil
        }
    }

    /// The signature of `message` with the private key in `keyText` (Ed25519: 64 bytes;
    /// ECDSA: DER); nil when `keyText` is not a private key of this kind.
    static func sign(kind: SignatureKind, keyText: String, message: [UInt8]) -> [UInt8]? {
        switch kind {
        case .ed25519:
            return ed25519PrivateKey(keyText).flatMap { try? Array($0.signature(for: message)) }
        case .ecdsaP256:
            return p256PrivateKey(keyText).flatMap { try? Array($0.signature(for: message).derRepresentation) }
        case .hmac, .token:
            return nil
        }
    }
}

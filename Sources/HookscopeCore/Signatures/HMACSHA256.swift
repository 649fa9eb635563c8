import Crypto

/// HMAC-SHA256 and the one comparison every signature check goes through.
public enum HMACSHA256 {
    /// The 32-byte HMAC-SHA256 of `message` under `key` (RFC 2104), built on SHA256 with
    /// raw-buffer updates. `HMAC<SHA256>` gives the same bytes, but its key setup and its
    /// generic `DataProtocol` updates cost more than hashing a 1 KB body, and this runs
    /// for every signed delivery on the event loop.
    public static func code(key: [UInt8], message: [UInt8]) -> [UInt8] {
        code(key: key, message: SignedMessage(message))
    }

    /// The same over a message in pieces, each fed to the inner hash where it lies (no copy
    /// of the body for `{timestamp}.{body}` and its kin).
    public static func code(key: [UInt8], message: SignedMessage) -> [UInt8] {
        // A key longer than a block is replaced by its digest.
        var block = key.count > blockSize ? Array(SHA256.hash(data: key)) : key
        block.append(contentsOf: repeatElement(0, count: blockSize - block.count))
        for i in 0..<blockSize { block[i] ^= 0x36 }
        var inner = SHA256()
        block.withUnsafeBytes { inner.update(bufferPointer: $0) }
        message.forEachPiece { inner.update(bufferPointer: $0) }
        let innerDigest = inner.finalize()
        // Turn the inner pad into the outer one: 0x36 ^ 0x6A == 0x5C.
        for i in 0..<blockSize { block[i] ^= 0x36 ^ 0x5C }
        var outer = SHA256()
        block.withUnsafeBytes { outer.update(bufferPointer: $0) }
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize().withUnsafeBytes { Array($0) }
    }

    /// SHA-256's block size in bytes: keys are padded (or first hashed) to it.
    static let blockSize = 64

    /// Whether `candidate` is the HMAC of `message` under `key`, compared in constant time
    /// so a sender probing byte by byte learns nothing from how long the check took.
    public static func isValid(_ candidate: [UInt8], key: [UInt8], message: [UInt8]) -> Bool {
        ConstantTime.equals(code(key: key, message: message), candidate)
    }

    /// Digest length in bytes: a provided signature of any other length is malformed.
    public static let byteCount = 32
}

/// Constant-time equality over byte arrays.
public enum ConstantTime {
    /// Equal lengths and equal bytes. Only the lengths (public: every HMAC-SHA256 digest is
    /// 32 bytes) decide early; the bytes are all visited whatever they hold.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}

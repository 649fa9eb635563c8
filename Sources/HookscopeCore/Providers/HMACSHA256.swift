import Crypto

/// HMAC-SHA256 and the one comparison every signature check goes through.
public enum HMACSHA256 {
    /// The 32-byte HMAC-SHA256 of `message` under `key`.
    public static func code(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

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

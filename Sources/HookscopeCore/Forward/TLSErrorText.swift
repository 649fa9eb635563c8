/// BoringSSL's errors as NIO-SSL describes them, in words for a person.
///
/// NIO-SSL's description of a handshake failure is
/// `handshakeFailed(sslError([Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at /…/.build/checkouts/…/handshake.cc:320]))`:
/// the reason code is the only part a user can act on, and the build path must never reach
/// them. Pure text work, so the store (which has no outgoing client) words its TLS errors
/// the same way.
public enum TLSErrorText {
    /// The reason codes in a description, in order and without repeats
    /// (`CERTIFICATE_VERIFY_FAILED`): what follows the last `:` of each `error:…` entry.
    public static func reasons(in description: String) -> [String] {
        var found: [String] = []
        var rest = Substring(description)
        while let start = rest.range(of: "error:") {
            rest = rest[start.upperBound...]
            // `error:1000007d:SSL routines:OPENSSL_internal:REASON at FILE:LINE]`: the library's
            // name has a space, so the entry ends at ` at ` or the bracket, not at a space.
            var entry = rest.prefix { $0 != "]" && $0 != ")" && $0 != "," }
            if let at = entry.range(of: " at ") { entry = entry[..<at.lowerBound] }
            guard let reason = entry.split(separator: ":").last, reason.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }),
                  reason.contains(where: \.isUppercase) else { continue }
            if !found.contains(String(reason)) { found.append(String(reason)) }
        }
        return found
    }

    /// What a reason code means, in words: the common ones explained, others spelled out
    /// (`NO_SHARED_CIPHER` → `no shared cipher`).
    public static func words(forReason reason: String) -> String {
        switch reason {
        case "CERTIFICATE_VERIFY_FAILED": return "the certificate is not trusted"
        case "WRONG_VERSION_NUMBER", "HTTP_REQUEST", "HTTPS_PROXY_REQUEST":
            return "the other side does not speak TLS here (plain HTTP?)"
        case "NO_SHARED_CIPHER", "NO_CIPHERS_AVAILABLE", "NO_CIPHER_MATCH":
            return "the two sides have no cipher in common"
        case "UNSUPPORTED_PROTOCOL", "TLSV1_ALERT_PROTOCOL_VERSION":
            return "the two sides have no TLS version in common"
        case "TLSV1_ALERT_UNKNOWN_CA", "SSLV3_ALERT_BAD_CERTIFICATE", "TLSV1_ALERT_ACCESS_DENIED", "TLSV1_CERTIFICATE_REQUIRED":
            return "the other side refused the handshake (" + spelled(reason) + "; does it want a client certificate?)"
        default:
            for prefix in ["TLSV1_ALERT_", "SSLV3_ALERT_"] where reason.hasPrefix(prefix) {
                return "the other side refused the handshake (" + spelled(String(reason.dropFirst(prefix.count))) + ")"
            }
            return spelled(reason)
        }
    }

    /// A description in words: its reason codes explained when it has any, otherwise the
    /// text with every source location (` at /path/file.cc:320`) removed.
    public static func describe(_ description: String) -> String {
        let reasons = reasons(in: description)
        if !reasons.isEmpty { return reasons.map(words(forReason:)).joined(separator: "; ") }
        if description.contains("eofDuringHandshake") || description.contains("EOF during handshake") {
            return "the other side closed the connection during the TLS handshake"
        }
        if description.contains("failedToValidateHostname") { return "the certificate is not for this host name" }
        if description.contains("uncleanShutdown") { return "the other side closed the TLS connection without a close notify" }
        return withoutSourceLocations(description)
    }

    /// The text without ` at FILE:LINE` locations (a path with a `/` and a line number).
    public static func withoutSourceLocations(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let at = rest.range(of: " at ") {
            result += rest[..<at.lowerBound]
            let location = rest[at.upperBound...].prefix { $0 != " " && $0 != "]" && $0 != ")" && $0 != "," }
            if location.contains("/"), let colon = location.lastIndex(of: ":"),
               !location[location.index(after: colon)...].isEmpty,
               location[location.index(after: colon)...].allSatisfy(\.isNumber) {
                rest = rest[location.endIndex...]
            } else {
                result += " at "
                rest = rest[at.upperBound...]
            }
        }
        return result + rest
    }

    /// Whether the description is a certificate that failed verification: its chain or
    /// dates (BoringSSL), or its names (NIO-SSL's own check, after BoringSSL's).
    public static func isUntrustedCertificate(_ description: String) -> Bool {
        reasons(in: description).contains("CERTIFICATE_VERIFY_FAILED") || description.contains("failedToValidateHostname")
    }

    private static func spelled(_ reason: String) -> String {
        reason.lowercased().split(separator: "_").joined(separator: " ")
    }
}

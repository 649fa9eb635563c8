/// For senders whose recipe is unknown (ProductLift, or no profile at all): tries
/// HMAC-SHA256 of the raw body against every header whose value looks like a digest,
/// so the user learns which header and encoding to pin in the config file.
public enum SignatureDiscovery {
    /// A header value that could be an HMAC-SHA256 digest.
    public struct Candidate: Sendable, Equatable {
        public var header: String
        /// Text before the digest, e.g. `sha256=`; empty when none.
        public var prefix: String
        public var encoding: DigestEncoding
        public var digest: [UInt8]
    }

    /// A header, encoding and secret that matched.
    public struct Finding: Sendable, Equatable {
        public var candidate: Candidate
        public var secret: ProviderSecret
    }

    /// Every header that looks like a 32-byte digest in hex or base64, optionally after
    /// a short `name=` prefix.
    public static func candidates(in headers: [HeaderField]) -> [Candidate] {
        var out: [Candidate] = []
        for field in headers {
            let value = SignatureHeaderParser.trimSpaces(field.value)
            guard value.utf8.count <= 200 else { continue }
            var forms: [(prefix: String, digest: String)] = [("", value)]
            if let equals = value.firstIndex(of: "="), value.index(after: equals) != value.endIndex {
                let prefix = value[...equals]
                if prefix.count <= 17, prefix.dropLast().allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                    forms.append((String(prefix), String(value[value.index(after: equals)...])))
                }
            }
            for form in forms {
                if form.digest.utf8.count == 64, let bytes = Hex.decode(form.digest) {
                    out.append(Candidate(header: field.name, prefix: form.prefix, encoding: .hex, digest: bytes))
                } else if let bytes = Base64.decode(form.digest), bytes.count == HMACSHA256.byteCount {
                    out.append(Candidate(header: field.name, prefix: form.prefix, encoding: .base64, digest: bytes))
                }
            }
        }
        return out
    }

    /// The first candidate that equals HMAC-SHA256(secret, body) for one of the secrets.
    public static func discover(body: [UInt8], headers: [HeaderField], secrets: [ProviderSecret]) -> Finding? {
        let found = candidates(in: headers)
        guard !found.isEmpty else { return nil }
        for secret in secrets {
            let expected = HMACSHA256.code(key: Array(secret.value.utf8), message: body)
            for candidate in found where ConstantTime.equals(expected, candidate.digest) {
                return Finding(candidate: candidate, secret: secret)
            }
        }
        return nil
    }

    /// The verdict for a delivery checked by discovery only.
    static func verdict(
        request: SignedRequest, secrets: [ProviderSecret], ring: SecretRing, context: String
    ) -> SignatureVerdict {
        if let finding = discover(body: request.body, headers: request.headers, secrets: secrets) {
            let c = finding.candidate
            let header = TerminalSafeText.string(c.header)
            let how = c.prefix.isEmpty ? c.encoding.rawValue : "\(c.encoding.rawValue) after \(c.prefix)"
            return SignatureVerdict(
                status: .valid, scheme: "hmac-sha256-\(c.encoding.rawValue)", header: c.header,
                reason: "valid (discovered: header \(header), \(how)) with secret \(ring.describe(finding.secret)). "
                    + "\(context); HMAC-SHA256 of the raw body matched, so pin this header in a profile in the config file"
            )
        }
        let tried = candidates(in: request.headers)
        guard !tried.isEmpty else {
            return SignatureVerdict(status: .unsigned, reason: "\(context), and no header looks like an HMAC-SHA256 digest")
        }
        let names = tried.map { TerminalSafeText.string($0.header) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return SignatureVerdict(
            status: .invalid, scheme: "hmac-sha256", header: names.first,
            reason: "\(context); tried HMAC-SHA256 of the raw body with \(secrets.map(\.label).joined(separator: ", ")) "
                + "against \(names.joined(separator: ", ")): none matched. The sender may sign differently; hookscope does not guess further"
        )
    }
}

/// What hookscope concluded about a delivery's signature.
public struct SignatureVerdict: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case valid
        case invalid
        case expired
        case malformed
        case noSecret = "no_secret"
        case unsigned
    }

    public var status: Status
    /// The scheme that was checked, e.g. `hmac-sha256-hex`.
    public var scheme: String?
    /// The header the signature was read from.
    public var header: String?
    /// A sentence a person can act on.
    public var reason: String?

    public init(status: Status, scheme: String? = nil, header: String? = nil, reason: String? = nil) {
        self.status = status
        self.scheme = scheme
        self.header = header
        self.reason = reason
    }

    public static let unsigned = SignatureVerdict(status: .unsigned)
}

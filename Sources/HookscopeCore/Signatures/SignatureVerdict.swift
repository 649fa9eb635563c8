/// What hookscope concluded about a delivery's signature.
public struct SignatureVerdict: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case valid
        case invalid
        case expired
        case malformed
        case noSecret = "no_secret"
        case unsigned
    }

    /// The scheme that was checked, e.g. `hmac-sha256-hex`.
    public var scheme: String?
    /// The header the signature was read from.
    public var header: String?
    /// A sentence a person can act on. The common verdicts keep the parts and write the
    /// sentence when it is read: every delivery gets a verdict on the event loop, few are
    /// ever looked at, and the sentence was most of a 1 KB verification's cost.
    public var reason: String? {
        get { explanation?.text(of: self) }
        set { explanation = newValue.map(Explanation.text) }
    }

    var explanation: Explanation?
    /// Last, so that its one byte sits after the explanation's instead of taking a word
    /// of padding in every stored exchange.
    public var status: Status

    public init(status: Status, scheme: String? = nil, header: String? = nil, reason: String? = nil) {
        self.init(status: status, scheme: scheme, header: header, explanation: reason.map(Explanation.text))
    }

    init(status: Status, scheme: String?, header: String?, explanation: Explanation?) {
        self.status = status
        self.scheme = scheme
        self.header = header
        self.explanation = explanation
    }

    public static let unsigned = SignatureVerdict(status: .unsigned)
}

extension SignatureVerdict: Equatable {
    /// Verdicts are equal when they say the same: the same parts, or the same sentence
    /// written from different parts.
    public static func == (lhs: SignatureVerdict, rhs: SignatureVerdict) -> Bool {
        lhs.status == rhs.status && lhs.scheme == rhs.scheme && lhs.header == rhs.header
            && (lhs.explanation == rhs.explanation || lhs.reason == rhs.reason)
    }
}

/// Why an app's certificate was not trusted, in one sentence that says what to do.
///
/// The outgoing side learns the facts by looking at the certificate after the handshake
/// failed (`TLSProbe` in HookscopeServer); this is the pure part: which fault comes first
/// and how it is worded.
public struct CertificateTrust: Sendable, Equatable {
    /// What the certificate says about itself, ready to print: its names are the peer's
    /// own text, which may hold ESC, BEL or C1 controls (an X.509 string can hold
    /// anything), so they pass `TerminalSafeText` and a length cap on the way in.
    public struct Facts: Sendable, Equatable {
        public var subject: String
        public var issuer: String
        /// DNS names and IP addresses it is for (subject alternative names), else its CN.
        public var names: [String]
        /// Seconds since 1970.
        public var notBefore: Int64
        public var notAfter: Int64

        public init(subject: String, issuer: String, names: [String], notBefore: Int64, notAfter: Int64) {
            self.subject = Self.printable(subject)
            self.issuer = Self.printable(issuer)
            let shown = names.prefix(Self.namesShown).map(Self.printable)
            self.names = names.count > Self.namesShown ? shown + ["\(names.count - Self.namesShown) more"] : shown
            self.notBefore = notBefore
            self.notAfter = notAfter
        }

        public var isSelfSigned: Bool { subject == issuer }

        /// Longest name kept, in characters, before escaping (a name is one line in an error).
        static let longestName = 100
        /// Names listed before `N more`: a certificate may carry hundreds.
        static let namesShown = 8

        static func printable(_ name: String) -> String {
            guard name.count > longestName else { return TerminalSafeText.string(name) }
            return TerminalSafeText.string(String(name.prefix(longestName))) + "…"
        }
    }

    /// `host:port` as the URL named it.
    public var authority: String
    /// Nil when the certificate could not be read (the second handshake failed too).
    public var facts: Facts?
    /// A handshake that checked the chain but not the name succeeded: the name is the fault.
    public var chainIsTrusted: Bool
    /// Who did not trust it: `the system's authorities and --ca-cert ca.pem`.
    public var trustedAuthorities: String
    /// Seconds since 1970.
    public var now: Int64

    public init(authority: String, facts: Facts?, chainIsTrusted: Bool, trustedAuthorities: String, now: Int64) {
        self.authority = authority
        self.facts = facts
        self.chainIsTrusted = chainIsTrusted
        self.trustedAuthorities = trustedAuthorities
        self.now = now
    }

    static let remedy = "--ca-cert FILE trusts its authority (or the certificate itself), --insecure skips the check"

    /// `the certificate of 127.0.0.1:8443 is not trusted: it is self-signed (CN=app) and
    /// not one of the system's authorities; --ca-cert FILE trusts …`
    public var explanation: String {
        let start = "the certificate of \(authority) is not trusted"
        guard let facts else { return "\(start) by \(trustedAuthorities); \(Self.remedy)" }
        if facts.notAfter < now {
            return "\(start): it expired on \(Self.date(facts.notAfter)) (\(facts.subject)); renew it, or --insecure skips the check"
        }
        if facts.notBefore > now {
            return "\(start): it is not valid before \(Self.date(facts.notBefore)) (\(facts.subject)); is this machine's clock right? --insecure skips the check"
        }
        if chainIsTrusted {
            let names = facts.names.isEmpty ? "no name" : facts.names.joined(separator: ", ")
            return "\(start): it is for \(names), not for \(Self.host(of: authority)); call the app by one of those names, or --insecure skips the check"
        }
        let why = facts.isSelfSigned
            ? "it is self-signed (\(facts.subject)) and not trusted by \(trustedAuthorities)"
            : "it is issued by \(facts.issuer), an authority not trusted by \(trustedAuthorities)"
        return "\(start): \(why); \(Self.remedy)"
    }

    static func host(of authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") { return String(authority[authority.index(after: authority.startIndex)..<end]) }
        guard let colon = authority.lastIndex(of: ":") else { return authority }
        return String(authority[..<colon])
    }

    /// `2026-11-30T14:02:00Z`
    static func date(_ seconds: Int64) -> String {
        let text = Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000).rfc3339
        // Certificates count whole seconds: drop the `.000`.
        return text.hasSuffix(".000Z") ? String(text.dropLast(5)) + "Z" : text
    }
}

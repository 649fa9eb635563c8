/// The URL a sender signed, for recipes whose message contains `{url}` (Twilio, Square).
/// Behind a tunnel the URL the sender used is not the one hookscope sees, so it is found in
/// this order: the public URL the user gave (`listen --public-url`, `verify --url`), the
/// `X-Forwarded-Proto` / `X-Forwarded-Host` headers a proxy adds, then `Host`. Pure: the
/// listener and `verify` pass what they know, and the reason quotes `origin`.
public struct SignedURL: Sendable, Equatable {
    /// The full URL, e.g. `https://abc.ngrok.app/hooks/twilio?x=1`.
    public var url: String
    /// Where it came from, said in the verdict's reason: `--public-url`, `X-Forwarded-Proto
    /// and X-Forwarded-Host`, `Host`.
    public var origin: String

    public init(url: String, origin: String) {
        self.url = url
        self.origin = origin
    }

    /// The signed URL for a request.
    /// - Parameters:
    ///   - target: the request target as received (path and query), e.g. `/hooks?x=1`.
    ///   - headers: the request's headers (`Host`, `X-Forwarded-*`).
    ///   - publicURL: the URL the sender was given, when the user said it; its scheme and
    ///     host replace what the request shows, and a path it has is put before the target
    ///     unless the target already starts with it.
    ///   - publicURLOrigin: how the user gave it, for the reason (`--public-url`, `--url`).
    ///   - listenerScheme: `https` when the listener itself serves TLS (`--tls-cert`): a
    ///     sender that reached it directly called an https URL.
    public static func resolve(
        target: String, headers: [HeaderField], publicURL: String?, publicURLOrigin: String = "--public-url",
        listenerScheme: String = "http"
    ) -> SignedURL {
        let requestTarget = target.hasPrefix("/") ? target : "/" + target
        if let publicURL, let base = Base(parsing: publicURL) {
            if base.path.isEmpty || base.path == "/" {
                return SignedURL(url: base.origin + requestTarget, origin: publicURLOrigin)
            }
            // A public URL with a path, e.g. `https://x.ngrok.app/hooks`: a tunnel passes the
            // path on, so a target that starts with it is already complete.
            let prefix = base.path.hasSuffix("/") ? String(base.path.dropLast()) : base.path
            let full = requestTarget == prefix || requestTarget.hasPrefix(prefix + "/") || requestTarget.hasPrefix(prefix + "?")
                ? requestTarget : prefix + requestTarget
            return SignedURL(url: base.origin + full, origin: publicURLOrigin)
        }
        let forwardedProto = firstListValue(headers.first(named: "X-Forwarded-Proto"))
        let forwardedHost = firstListValue(headers.first(named: "X-Forwarded-Host"))
        if let forwardedHost {
            let scheme = forwardedProto?.lowercased() ?? "https"
            let origin = forwardedProto == nil ? "X-Forwarded-Host (https assumed)" : "X-Forwarded-Proto and X-Forwarded-Host"
            return SignedURL(url: "\(scheme)://\(forwardedHost)\(requestTarget)", origin: origin)
        }
        let host = firstListValue(headers.first(named: "Host")) ?? "localhost"
        if let forwardedProto {
            return SignedURL(url: "\(forwardedProto.lowercased())://\(host)\(requestTarget)", origin: "X-Forwarded-Proto and Host")
        }
        let origin = listenerScheme == "https"
            ? "Host, over the listener's TLS (no --public-url, no X-Forwarded-Host)" : "Host (no --public-url, no X-Forwarded-Host)"
        return SignedURL(url: "\(listenerScheme)://\(host)\(requestTarget)", origin: origin)
    }

    /// The URLs a sender may have signed instead, each with what differs, for the diagnosis
    /// of a URL that does not verify: the other scheme, with or without the default port,
    /// without the query.
    public func variants() -> [(url: String, difference: String)] {
        guard let base = Base(parsing: url) else { return [] }
        var out: [(String, String)] = []
        let rest = base.path                                   // path and query
        let otherScheme = base.scheme == "https" ? "http" : "https"
        out.append(("\(otherScheme)://\(base.authority)\(rest)", "with \(otherScheme) instead of \(base.scheme)"))
        let defaultPort = base.scheme == "https" ? "443" : "80"
        if let colon = base.authority.lastIndex(of: ":"), !base.authority.hasSuffix("]") {
            let hostOnly = String(base.authority[..<colon])
            out.append(("\(base.scheme)://\(hostOnly)\(rest)", "without the port \(base.authority[base.authority.index(after: colon)...])"))
        } else {
            out.append(("\(base.scheme)://\(base.authority):\(defaultPort)\(rest)", "with the port \(defaultPort)"))
        }
        if let question = rest.firstIndex(of: "?") {
            out.append(("\(base.scheme)://\(base.authority)\(rest[..<question])", "without the query"))
        }
        return out
    }

    /// Whether `text` is an absolute http(s) URL with a host (`verify --url`).
    public static func isAbsoluteHTTP(_ text: String) -> Bool { Base(parsing: text) != nil }

    /// The request target (path and query) of an absolute URL, `/` when it has none.
    public static func target(of url: String) -> String? {
        guard let base = Base(parsing: url) else { return nil }
        return base.path.isEmpty ? "/" : (base.path.hasPrefix("?") ? "/" + base.path : base.path)
    }

    /// The first of a comma-separated header list (a proxy chain adds one entry per hop),
    /// trimmed; nil when empty.
    static func firstListValue(_ value: String?) -> String? {
        guard let value else { return nil }
        let first = value.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first.map { $0.trimmingSpacesAndTabs() } ?? ""
        return first.isEmpty ? nil : String(first)
    }

    /// `scheme://authority` and the rest of an absolute http(s) URL.
    struct Base {
        var scheme: String
        var authority: String
        /// Path and query, possibly empty.
        var path: String

        var origin: String { "\(scheme)://\(authority)" }

        init?(parsing text: String) {
            guard let range = text.range(of: "://") else { return nil }
            let scheme = text[..<range.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            let rest = text[range.upperBound...]
            let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            guard end > rest.startIndex else { return nil }
            self.scheme = scheme
            self.authority = String(rest[..<end])
            self.path = String(rest[end...])
        }
    }
}

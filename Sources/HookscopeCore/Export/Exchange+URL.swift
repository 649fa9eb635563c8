extension Exchange {
    /// An absolute URL for the request: `base` (scheme and authority, e.g.
    /// `http://127.0.0.1:3000`, a trailing slash ignored) or the request's scheme (`http`
    /// unless it was loaded as another) plus the Host header, followed by the target
    /// exactly as sent.
    public func url(base: String? = nil) -> String {
        var prefix = base ?? "\(scheme ?? "http")://\(headers.first(named: "Host") ?? "localhost")"
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let target = self.target.hasPrefix("/") ? self.target : "/" + self.target
        return prefix + target
    }
}

/// What a forwarding proxy does to headers (RFC 9110 §7.6): hop-by-hop headers belong to
/// one connection and are not passed on; a `Via` entry names each proxy on the way, which
/// is also how a request that comes back to the same hookscope is recognised as a loop.
public enum ProxyHeaders {
    /// Hop-by-hop by definition (plus the obsolete `Proxy-Connection`). `Transfer-Encoding`
    /// is also hop-by-hop, but the request's framing is the client's job: it is kept in the
    /// list so the body can be sent chunked again, and the client writes the real header.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade",
        "proxy-authorization", "proxy-authenticate",
    ]

    /// The request headers to send upstream: hop-by-hop ones (and those named in
    /// `Connection`) removed, Host kept or replaced, our `Via` entry added. Order, case and
    /// duplicates of everything else are kept.
    public static func forwardedRequest(_ headers: [HeaderField], via: String, host: String?) -> [HeaderField] {
        var result = withoutHopByHop(headers, keepingFraming: true)
        if let host {
            if let index = result.firstIndex(where: { $0.name.caseInsensitiveEquals("Host") }) {
                result[index].value = host
            } else {
                result.insert(HeaderField("Host", host), at: 0)
            }
        }
        return appendingVia(result, via: via)
    }

    /// The upstream's answer headers to relay to the sender: hop-by-hop and framing
    /// headers removed (hookscope frames its own answer), our `Via` entry added.
    public static func relayedResponse(_ headers: [HeaderField], via: String) -> [HeaderField] {
        appendingVia(withoutHopByHop(headers, keepingFraming: false).filter {
            !$0.name.caseInsensitiveEquals("Content-Length")
        }, via: via)
    }

    /// Whether the request has already passed through this proxy (our `Via` entry is in it).
    public static func isLoop(_ headers: [HeaderField], via: String) -> Bool {
        headers.all(named: "Via").contains { value in
            value.split(separator: ",").contains { SignatureHeaderParser.trimSpaces(String($0)) == via }
        }
    }

    static func withoutHopByHop(_ headers: [HeaderField], keepingFraming: Bool) -> [HeaderField] {
        let named = Set(headers.all(named: "Connection").flatMap { $0.split(separator: ",") }.map { SignatureHeaderParser.trimSpaces(String($0)).lowercased() })
        return headers.filter { header in
            let name = header.name.lowercased()
            if name == "transfer-encoding" { return keepingFraming }
            return !hopByHop.contains(name) && !named.contains(name)
        }
    }

    /// Adds our entry to the last `Via` header (in place, so the order is kept) or as a new
    /// header at the end.
    static func appendingVia(_ headers: [HeaderField], via: String) -> [HeaderField] {
        var result = headers
        if let index = result.lastIndex(where: { $0.name.caseInsensitiveEquals("Via") }) {
            result[index].value += ", " + via
        } else {
            result.append(HeaderField("Via", via))
        }
        return result
    }
}

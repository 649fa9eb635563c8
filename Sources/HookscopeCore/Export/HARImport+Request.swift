import Foundation

/// The parts of a HAR request that browsers write differently from HTTP/1.1 on the wire:
/// HTTP/2 pseudo-headers, a form body kept only as parameters, the URL's scheme and host.
extension HARImport {
    /// The request's headers without HTTP/2 pseudo-headers (`:authority`, `:method`,
    /// `:path`, `:scheme`: they are the URL and the method, which the exchange keeps
    /// apart, and a replay or a curl command cannot send them); a `Host` header from the
    /// URL's authority (or `:authority`) when there is none, so the host survives export.
    static func requestHeaders(_ headers: [HeaderField], url: String) -> [HeaderField] {
        var kept = headers.filter { !$0.name.hasPrefix(":") }
        if kept.first(named: "Host") == nil,
           let host = authority(of: url) ?? headers.first(where: { $0.name.lowercased() == ":authority" })?.value, !host.isEmpty {
            kept.insert(HeaderField("Host", host), at: 0)
        }
        return kept
    }

    /// `https` for an `https://` URL; nil for `http` (the default) or a URL without scheme.
    static func scheme(of url: String) -> String? {
        guard let separator = url.range(of: "://") else { return nil }
        let scheme = url[..<separator.lowerBound].lowercased()
        return scheme == "http" || scheme.isEmpty ? nil : scheme
    }

    /// `host:port` of an absolute URL, without user information.
    static func authority(of url: String) -> String? {
        guard let separator = url.range(of: "://") else { return nil }
        let rest = url[separator.upperBound...]
        var authority = rest[..<(rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex)]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return authority.isEmpty ? nil : String(authority)
    }

    /// The body a browser's archive keeps only as `postData.params` (HAR 1.2: "list of
    /// posted parameters"): `multipart/form-data` with the boundary its `mimeType` names
    /// (RFC 7578), otherwise `application/x-www-form-urlencoded` (WHATWG URL, the
    /// serializer browsers use). Parameter values are taken as decoded text.
    static func formBody(params: [[String: Any]], mimeType: String) throws -> [UInt8] {
        let pairs = try params.enumerated().map { index, param -> (name: String, value: String, fileName: String?, type: String?) in
            guard let name = param["name"] as? String else { throw problem("request.postData.params[\(index)] has no name") }
            return (name, param["value"] as? String ?? "", param["fileName"] as? String, param["contentType"] as? String)
        }
        let lower = mimeType.lowercased()
        if lower.hasPrefix("multipart/form-data"), let boundary = boundary(in: mimeType) {
            var body = ""
            for pair in pairs {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(quoted(pair.name))\""
                if let fileName = pair.fileName { body += "; filename=\"\(quoted(fileName))\"" }
                body += "\r\n"
                if let type = pair.type { body += "Content-Type: \(type)\r\n" }
                body += "\r\n\(pair.value)\r\n"
            }
            return Array((body + "--\(boundary)--\r\n").utf8)
        }
        return Array(pairs.map { formEncoded($0.name) + "=" + formEncoded($0.value) }.joined(separator: "&").utf8)
    }

    private static func boundary(in mimeType: String) -> String? {
        for parameter in mimeType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpacesAndTabs().lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingSpacesAndTabs()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }

    /// RFC 7578 4.2: a quote or line break in a name is percent-encoded.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// application/x-www-form-urlencoded: ASCII letters, digits and `*-._` as they are,
    /// space as `+`, every other byte of the UTF-8 as `%XX`.
    static func formEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "): out += "+"
            default: out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

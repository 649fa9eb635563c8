import Foundation

/// Finds a tunnel's public URL where each tool says it: in cloudflared's log, in the line
/// an ssh tunnel host prints, in ngrok's local API (`GET /api/tunnels`). Pure: the
/// supervisor passes the lines and the API's answer.
public enum TunnelURLFinder {
    /// cloudflared prints the quick tunnel's URL inside a box:
    /// `... INF |  https://<words-joined-by-dashes>.trycloudflare.com   |`.
    /// `api.trycloudflare.com` (where it asks for the tunnel) is not one.
    public static func cloudflaredURL(inLogLine line: String) -> String? {
        for candidate in httpsURLs(in: line) {
            guard let host = host(of: candidate), host.hasSuffix(".trycloudflare.com") else { continue }
            let name = host.dropLast(".trycloudflare.com".count)
            if name.contains("-"), !name.contains(".") { return candidate }
        }
        return nil
    }

    /// localhost.run prints `https://<id>.lhr.life` (among links to its own pages); serveo
    /// prints `Forwarding HTTP traffic from https://<name>.serveo.net`. Other hosts print
    /// nothing hookscope can trust: the user gives `--public-url`.
    public static func sshURL(inLine line: String) -> String? {
        if let range = line.range(of: "Forwarding HTTP traffic from ") {
            return httpsURLs(in: String(line[range.upperBound...])).first
        }
        return httpsURLs(in: line).first { url in
            guard let host = host(of: url) else { return false }
            return host.hasSuffix(".lhr.life") || host.hasSuffix(".lhr.rocks")
        }
    }

    /// Whether `line` is OpenSSH's word (with `-v`) that the remote forward exists:
    /// `debug1: remote forward success for: listen 80, connect 127.0.0.1:8080` (ssh's
    /// `remote forward %s for: listen %s%s%d, connect %s:%d`, `success` or `failure`).
    /// Until then ssh may still be logging in; a failure makes it exit
    /// (ExitOnForwardFailure).
    public static func sshForwardIsEstablished(inLine line: String) -> Bool {
        line.contains("remote forward success for: listen")
    }

    /// ngrok's `/api/tunnels` answer: the `https` tunnel whose `config.addr` points at
    /// `localPort` (another agent's tunnels may be listed too), held to the same characters
    /// as a URL found in a log line (`isPlainURL`).
    public static func ngrokURL(apiJSON: [UInt8], localPort: Int) -> String? {
        ngrokCandidates(apiJSON: apiJSON, localPort: localPort).first(where: isPlainURL)
    }

    /// Every `https://` `public_url` of a tunnel pointed at `localPort`, as the API gave it.
    public static func ngrokCandidates(apiJSON: [UInt8], localPort: Int) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(apiJSON)) as? [String: Any],
              let tunnels = object["tunnels"] as? [[String: Any]] else { return [] }
        let ours = tunnels.filter { tunnel in
            let addr = (tunnel["config"] as? [String: Any])?["addr"] as? String ?? ""
            return addr == String(localPort) || addr.hasSuffix(":\(localPort)")
        }
        return ours.compactMap { $0["public_url"] as? String }.filter { $0.hasPrefix("https://") }
    }

    /// An https URL with a host and only the characters `httpsURLs` takes (no controls,
    /// spaces, quotes or brackets): what a sender can be told and a terminal can show.
    public static func isPlainURL(_ url: String) -> Bool {
        httpsURLs(in: url) == [url] && host(of: url) != nil
    }

    /// Where ngrok's local API listens, from its log line `starting web service`
    /// (`{"addr":"127.0.0.1:4040","lvl":"info","msg":"starting web service","obj":"web",…}`
    /// with `--log-format json`): 4040 moves to 4041, … when taken. Only a loopback
    /// `host:port` is accepted: the supervisor connects there.
    public static func ngrokWebAddress(inLogLine line: String) -> (host: String, port: Int)? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              object["msg"] as? String == "starting web service",
              let addr = object["addr"] as? String, let colon = addr.lastIndex(of: ":"),
              let port = Int(addr[addr.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        let host = String(addr[..<colon])
        // ngrok may bind 0.0.0.0 (web_addr in its config); it is reached on loopback then.
        switch host {
        case "127.0.0.1", "localhost", "0.0.0.0", "": return ("127.0.0.1", port)
        default: return nil
        }
    }

    /// The `https://` URLs in a line, each up to the first character a URL host and path
    /// do not have here (space, `|`, quotes, brackets, controls).
    static func httpsURLs(in line: String) -> [String] {
        var found: [String] = []
        var rest = Substring(line)
        while let start = rest.range(of: "https://") {
            let url = rest[start.lowerBound...].prefix { character in
                guard let ascii = character.asciiValue, ascii > 32, ascii < 127 else { return false }
                return !"|\"'<>()[]{}`\\,".contains(character)
            }
            found.append(String(url.hasSuffix(".") ? url.dropLast() : url))
            rest = rest[start.upperBound...]
        }
        return found
    }

    /// The lower-cased host of an https URL, or nil when it has none.
    static func host(of url: String) -> String? {
        guard url.hasPrefix("https://") else { return nil }
        let authority = url.dropFirst("https://".count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return host.isEmpty ? nil : host.lowercased()
    }
}

import Foundation

/// Reads a HAR 1.2 archive into exchanges: ours (with `_hookscope`, read back exactly) or
/// one saved by a browser or an HTTP client (requests only, the answer's status kept).
/// Entries that cannot be read are reported by index and skipped, as bad JSON Lines are.
public enum HARImport {
    public static func decode(_ text: String) -> (exchanges: [Exchange], problems: [ExchangeJSONLines.LineProblem]) {
        guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let log = root["log"] as? [String: Any] else {
            return ([], [.init(line: 1, message: "not a HAR archive (no \"log\" object)")])
        }
        guard let entries = log["entries"] as? [Any] else {
            return ([], [.init(line: 1, message: "log.entries is missing")])
        }
        var exchanges: [Exchange] = []
        var problems: [ExchangeJSONLines.LineProblem] = []
        for (index, item) in entries.enumerated() {
            do {
                guard let entry = item as? [String: Any] else { throw problem("not an object") }
                var exchange = try decodeEntry(entry)
                // A browser's archive has no capture ids: number its entries from 1.
                if exchange.id == 0 { exchange.id = index + 1 }
                exchanges.append(exchange)
            } catch {
                // `line` holds the entry number (1-based) for HAR.
                problems.append(.init(line: index + 1, message: "entry \(index + 1): \(error)"))
            }
        }
        return (exchanges, problems)
    }

    /// Whether a file's text is a HAR archive rather than JSON Lines: one JSON object with
    /// a `log` member (a one-line JSON Lines file is an object too, without `log`).
    public static func looksLikeHAR(_ text: String) -> Bool {
        guard text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{"),
              let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return false }
        return root["log"] is [String: Any]
    }

    private static func decodeEntry(_ entry: [String: Any]) throws -> Exchange {
        guard let request = entry["request"] as? [String: Any] else { throw problem("no request") }
        guard let method = request["method"] as? String else { throw problem("request.method is missing") }
        guard let url = request["url"] as? String else { throw problem("request.url is missing") }
        guard let started = entry["startedDateTime"] as? String, let receivedAt = Timestamp(rfc3339: started) else {
            throw problem("startedDateTime is missing or not an ISO 8601 time")
        }
        let headers = try ((request["headers"] as? [Any]) ?? []).enumerated().map { index, item in
            guard let pair = item as? [String: Any], let name = pair["name"] as? String, let value = pair["value"] as? String else {
                throw problem("request.headers[\(index)] has no name and value")
            }
            return HeaderField(name, value)
        }
        var body: [UInt8] = []
        if let postData = request["postData"] as? [String: Any], let text = postData["text"] as? String {
            let encoding = (postData["_encoding"] as? String) ?? (postData["encoding"] as? String)
            if encoding == "base64" {
                guard let bytes = Base64.decode(text) else { throw problem("request.postData.text is not base64") }
                body = bytes
            } else {
                body = Array(text.utf8)
            }
        } else if let postData = request["postData"] as? [String: Any], let params = postData["params"] as? [[String: Any]] {
            body = try formBody(params: params, mimeType: postData["mimeType"] as? String ?? "")
        }
        let ours = entry["_hookscope"] as? [String: Any]
        // Ours keeps the target as sent; an archive of ours written before, or a browser's,
        // has the URL's path and query.
        let path = ours?["path"] as? String
        var exchange = Exchange(
            id: (ours?["id"] as? NSNumber)?.intValue ?? 0,
            receivedAt: receivedAt,
            remote: ours?["remote"] as? String ?? "",
            method: method,
            target: path.map { path in (ours?["query"] as? String).map { "\(path)?\($0)" } ?? path } ?? target(of: url),
            httpVersion: normalizedVersion(request["httpVersion"] as? String),
            // Ours has the headers as they arrived: a Host from the URL would be one the
            // sender never sent (the URL says `localhost` for a request without one).
            headers: ours == nil ? requestHeaders(headers, url: url) : headers,
            body: body,
            bodySize: (ours?["body_size"] as? NSNumber)?.intValue ?? body.count,
            bodyTruncated: (ours?["body_truncated"] as? Bool) ?? false
        )
        exchange.scheme = scheme(of: url)
        if let ours {
            exchange.analysis = try ExchangeJSONLines.decodeAnalysis(ours)
            exchange.response = try ExchangeJSONLines.decodeResponse(ours.object("response"))
            // What HAR has no place for and hookscope shows: the app's status, route and
            // timing, the relay the delivery came through and why a request was rejected
            // (as the JSON Lines read them).
            exchange.upstream = ExchangeJSONLines.decodeForward(ours.object("forward"))
            exchange.relay = ExchangeJSONLines.decodeRelay(ours)
            exchange.rejection = ours["rejection"] as? String
        }
        if let response = entry["response"] as? [String: Any] {
            // Our export marks an answer it had read back without its content: HAR's empty
            // headers and content are then not the answer's.
            let contentRecorded = (ours?["response"] as? [String: Any])?["content_recorded"] as? Bool ?? true
            exchange.response = mergedResponse(response, recorded: exchange.response, contentRecorded: contentRecorded, time: entry["time"])
        }
        return exchange
    }

    /// The status, headers and body HAR keeps; how the answer was chosen from `_hookscope`.
    private static func mergedResponse(
        _ response: [String: Any], recorded: ExchangeResponse?, contentRecorded: Bool, time: Any?
    ) -> ExchangeResponse? {
        let status = (response["status"] as? NSNumber)?.intValue ?? 0
        let headers = ((response["headers"] as? [Any]) ?? []).compactMap { item -> HeaderField? in
            guard let pair = item as? [String: Any], let name = pair["name"] as? String, let value = pair["value"] as? String else { return nil }
            return HeaderField(name, value)
        }
        var body: [UInt8] = []
        if let content = response["content"] as? [String: Any], let text = content["text"] as? String {
            body = content["encoding"] as? String == "base64" ? (Base64.decode(text) ?? []) : Array(text.utf8)
        }
        if var recorded {
            // `_hookscope` leaves the answer's content to HAR's own place: here it is,
            // unless the export said it had none to give.
            guard contentRecorded else { return recorded }
            recorded.headers = headers
            recorded.body = body
            recorded.contentRecorded = true
            return recorded
        }
        guard status > 0 else { return nil }
        return ExchangeResponse(
            status: status, headers: headers, body: body, source: .default,
            durationMilliseconds: (time as? NSNumber)?.doubleValue ?? 0
        )
    }

    /// The path and query of an absolute URL (`http://host:port/a?b` → `/a?b`).
    static func target(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url.hasPrefix("/") ? url : "/" + url }
        let afterAuthority = url[scheme.upperBound...]
        guard let slash = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        var target = String(afterAuthority[slash...])
        if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
        return target.hasPrefix("?") ? "/" + target : target
    }

    /// Browsers write `http/1.1` or `h2`; the store keeps `HTTP/x.y`.
    private static func normalizedVersion(_ version: String?) -> String {
        guard let version else { return "HTTP/1.1" }
        let upper = version.uppercased()
        return upper.hasPrefix("HTTP/1.") ? upper : "HTTP/1.1"
    }

    static func problem(_ message: String) -> ExchangeJSONLines.DecodingError {
        ExchangeJSONLines.DecodingError(message: message)
    }
}

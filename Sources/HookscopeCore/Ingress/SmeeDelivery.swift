import Foundation

/// One delivery relayed by a smee server (probot/smee.io): the `data` of an unnamed event
/// is a JSON object whose keys are the sender's request headers (lower-case names, string
/// values) plus `body` (as the server parsed it), `query` (an object), `timestamp`
/// (milliseconds) and, on some deployments, `rawdata` (the body as it was sent).
///
/// Facts from shared/ingress-facts.md: without `rawdata` the body is the server's parse
/// written out again (JSON.stringify), so a signature over the raw bytes usually fails;
/// `bodyIsExact` says which one this is.
public struct SmeeDelivery: Sendable, Equatable {
    public var headers: [HeaderField]
    /// `a=1&b=2`, percent-encoded; nil when the sender's URL had no query.
    public var query: String?
    public var body: [UInt8]
    /// The body is the sender's bytes (`rawdata`), not smee's re-encoding.
    public var bodyIsExact: Bool
    /// When the smee server received it (`timestamp`).
    public var receivedAt: Timestamp?

    static let reservedKeys: Set<String> = ["body", "query", "timestamp", "rawdata"]

    /// nil when `data` is not a JSON object.
    public init?(eventData data: String) {
        let bytes = Array(data.utf8)
        var scanner = JSONScanner(bytes: bytes)
        guard let members = scanner.document() else { return nil }
        var headers: [HeaderField] = []
        var body: [UInt8]?
        var rawBody: [UInt8]?
        var rawWasAltered = false
        var query: String?
        var receivedAt: Timestamp?
        for member in members {
            guard let key = Self.decodeString(bytes, quoted: member.key.lowerBound - 1..<member.key.upperBound + 1) else { continue }
            let valueText = Array(bytes[member.value])
            switch key {
            case "body":
                body = Self.bodyBytes(valueText)
            case "rawdata":
                if let raw = Self.decodeString(bytes, quoted: member.value) {
                    rawBody = Array(raw.utf8)
                    // smee builds rawdata from a JavaScript string: bytes that were not UTF-8
                    // arrive as U+FFFD, so such a body is not the sender's bytes any more.
                    rawWasAltered = raw.unicodeScalars.contains("\u{FFFD}")
                }
            case "query":
                query = Self.queryString(valueText)
            case "timestamp":
                // Whole milliseconds as integers: a Double would round the nanoseconds.
                let text = String(decoding: valueText, as: UTF8.self)
                if let milliseconds = Int64(text), abs(milliseconds) < Int64.max / 1_000_000 {
                    receivedAt = Timestamp(nanosecondsSinceEpoch: milliseconds * 1_000_000)
                } else if let milliseconds = Double(text), milliseconds.isFinite, abs(milliseconds) < 9e12 {
                    receivedAt = Timestamp(nanosecondsSinceEpoch: Int64(milliseconds * 1_000_000))
                }
            default:
                if let value = Self.headerValue(valueText) { headers.append(HeaderField(key, value)) }
            }
        }
        self.headers = headers
        self.query = query
        self.body = rawBody ?? body ?? []
        // No body at all is exact too: there was nothing to re-encode.
        self.bodyIsExact = (rawBody != nil && !rawWasAltered) || (rawBody == nil && body == nil)
        self.receivedAt = receivedAt
    }

    /// The request as the sender made it to the channel (`https://smee.io/CHANNEL`): a
    /// POST with its query, marked as relayed by smee. Its target is `/`, not the channel's
    /// path: the channel names a secret (whoever knows it reads every delivery), and the
    /// target goes wherever the exchange goes (saves, exports, the shared store, a forward).
    /// `remote` names the relay (the sender's own address is not in the event).
    public func exchange(channel: String, now: Timestamp) -> Exchange {
        var exchange = Exchange(
            receivedAt: receivedAt ?? now, remote: "smee \(Self.hostAndPath(of: channel).host)", method: "POST",
            target: "/" + (query.map { "?" + $0 } ?? ""), headers: headers, body: body
        )
        exchange.relay = ExchangeRelay(kind: "smee", channelURL: channel, bodyIsExact: bodyIsExact)
        return exchange
    }

    /// `("smee.io", "/abc")` for `https://smee.io/abc?x`.
    public static func hostAndPath(of url: String) -> (host: String, path: String) {
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let rest = afterScheme.dropFirst(authority.count)
        let path = rest.prefix { $0 != "?" && $0 != "#" }
        return (String(authority), path.isEmpty ? "/" : String(path))
    }

    /// The body the way smee-client re-posts it: the JSON text of the parse as smee's
    /// server wrote it into the event (already JSON.stringify's output, so taken as it is);
    /// a string body (text the server kept as text) is that text.
    static func bodyBytes(_ valueText: [UInt8]) -> [UInt8] {
        if valueText.first == UInt8(ascii: "\""), let text = decodeString(valueText, quoted: 0..<valueText.count) {
            return Array(text.utf8)
        }
        return valueText
    }

    /// A header's value: a string, or (Node's `set-cookie`) an array of strings joined.
    static func headerValue(_ valueText: [UInt8]) -> String? {
        guard let value = try? JSONSerialization.jsonObject(with: Data(valueText), options: .fragmentsAllowed) else { return nil }
        if let text = value as? String { return text }
        if let list = value as? [String] { return list.joined(separator: ", ") }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }

    /// `{"a":"1","b":["2","3"]}` as `a=1&b=2&b=3`; nil for an empty or unreadable object.
    static func queryString(_ valueText: [UInt8]) -> String? {
        var scanner = JSONScanner(bytes: valueText)
        guard let members = scanner.document(), !members.isEmpty else { return nil }
        var pairs: [String] = []
        for member in members {
            guard let key = decodeString(valueText, quoted: member.key.lowerBound - 1..<member.key.upperBound + 1),
                  let value = try? JSONSerialization.jsonObject(with: Data(valueText[member.value]), options: .fragmentsAllowed) else { continue }
            let values: [String] = (value as? [Any])?.compactMap(Self.plainText) ?? Self.plainText(value).map { [$0] } ?? []
            for item in values { pairs.append(percentEncoded(key) + "=" + percentEncoded(item)) }
        }
        return pairs.isEmpty ? nil : pairs.joined(separator: "&")
    }

    private static func plainText(_ value: Any) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }

    private static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The JSON string at `range` (quotes included), escapes decoded.
    static func decodeString(_ bytes: [UInt8], quoted range: Range<Int>) -> String? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        let slice = bytes[range]
        // Most keys and values have no escapes: the bytes between the quotes are the text.
        if !slice.contains(UInt8(ascii: "\\")) { return String(decoding: slice.dropFirst().dropLast(), as: UTF8.self) }
        return (try? JSONSerialization.jsonObject(with: Data(slice), options: .fragmentsAllowed)) as? String
    }
}

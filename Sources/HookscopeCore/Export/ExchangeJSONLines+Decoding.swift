import Foundation

extension ExchangeJSONLines {
    public struct DecodingError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// One problem found while reading a file: skipped, never fatal.
    public struct LineProblem: Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// Reads the exchanges of a JSON Lines text; bad lines are reported and skipped.
    public static func decodeLines(_ text: String) -> (exchanges: [Exchange], problems: [LineProblem]) {
        var exchanges: [Exchange] = []
        var problems: [LineProblem] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            do {
                exchanges.append(try decode(String(trimmed)))
            } catch {
                problems.append(LineProblem(line: lineNumber, message: "\(error)"))
            }
        }
        return (exchanges, problems)
    }

    /// Reads one line written by `encode`. Read from its bytes (`JSONObjectText`), as
    /// `JSONSerialization` would read it, with no object tree made: this runs for every
    /// delivery an attached client or a forwarder reads from the store (issue 16).
    public static func decode(_ line: String) throws -> Exchange {
        switch JSONObjectText.document(Array(line.utf8)) {
        case .invalid: throw DecodingError(message: "not valid JSON")
        case .notAnObject: throw DecodingError(message: "not a JSON object")
        case .object(let o): return try decode(o)
        }
    }

    static func decode(_ o: some ExchangeFields) throws -> Exchange {
        guard let method = o.string("method") else { throw missing("method") }
        guard let path = o.string("path") else { throw missing("path") }
        guard let receivedText = o.string("received_at") else { throw missing("received_at") }
        guard let receivedAt = Timestamp(rfc3339: receivedText) else {
            throw DecodingError(message: "received_at is not an RFC 3339 time: \(receivedText.prefix(40))")
        }
        let query = o.string("query")
        let headers = try o.headerPairs("headers", field: "headers")
        guard let body = try decodeBody(o, field: "") else {
            throw DecodingError(message: "neither body nor body_base64 is present")
        }
        let analysis = try decodeAnalysis(o)
        let response = try decodeResponse(o.object("response"))
        var exchange = Exchange(
            id: o.int("id") ?? 0,
            receivedAt: receivedAt,
            remote: o.string("remote") ?? "",
            method: method,
            target: query.map { "\(path)?\($0)" } ?? path,
            httpVersion: httpVersion(o.string("http_version")),
            headers: headers,
            body: body,
            bodySize: o.int("body_size") ?? body.count,
            bodyTruncated: o.bool("body_truncated") ?? false,
            analysis: analysis,
            response: response,
            upstream: decodeForward(o.object("forward"))
        )
        exchange.relay = decodeRelay(o)
        exchange.rejection = o.string("rejection")
        return exchange
    }

    /// `HTTP/d.d` as written; anything else (absent, or not a version hookscope records)
    /// is 1.1, the version a line without it was received as.
    static func httpVersion(_ value: Any?) -> String {
        guard let text = value as? String else { return "HTTP/1.1" }
        let bytes = Array(text.utf8)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard bytes.count == 8, text.hasPrefix("HTTP/"), isDigit(bytes[5]), bytes[6] == UInt8(ascii: "."), isDigit(bytes[7]) else {
            return "HTTP/1.1"
        }
        return text
    }

    /// The `source` and `relay` members of a relayed delivery (also in HAR's `_hookscope`);
    /// nil for a request to the listener.
    static func decodeRelay(_ o: some ExchangeFields) -> ExchangeRelay? {
        guard let kind = o.string("source"), let relay = o.object("relay") else { return nil }
        let exact = relay.bool("body_exact") ?? false
        if let url = relay.string("channel") {
            // Written before the channel URL was kept out: read as host and tag, so a
            // file saved again no longer carries it.
            return ExchangeRelay(kind: kind, channelURL: url, bodyIsExact: exact)
        }
        return ExchangeRelay(
            kind: kind, host: relay.string("host") ?? "", channelTag: relay.string("channel_tag") ?? "", bodyIsExact: exact
        )
    }

    /// The provider, event, delivery id, verdict and attempt fields of an object (also
    /// used for HAR's `_hookscope`).
    static func decodeAnalysis(_ o: some ExchangeFields) throws -> ExchangeAnalysis {
        var analysis = ExchangeAnalysis()
        analysis.provider = o.string("provider")
        analysis.event = o.string("event")
        analysis.deliveryID = o.string("delivery_id")
        analysis.attempt = o.int("attempt") ?? 1
        if let s = o.object("signature") {
            let statusText = s.string("status") ?? "unsigned"
            guard let status = SignatureVerdict.Status(rawValue: statusText) else {
                throw DecodingError(message: "unknown signature status \"\(statusText.prefix(40))\"")
            }
            analysis.signature = SignatureVerdict(
                status: status, scheme: s.string("scheme"),
                header: s.string("header"), reason: s.string("reason")
            )
        }
        return analysis
    }

    /// The optional `forward` object: the app's status and the route, without the app's
    /// headers and body (the JSON Lines do not carry them), and marked so.
    static func decodeForward(_ f: (some ExchangeFields)?) -> UpstreamResponse? {
        guard let f, let url = f.string("url") else { return nil }
        return UpstreamResponse(
            url: url, status: f.int("status"),
            durationMilliseconds: f.double("duration_ms") ?? 0,
            error: f.string("error"), route: f.string("route"), forwardedBy: f.string("by"),
            forwarder: f.string("forwarder"), roundTripMilliseconds: f.double("round_trip_ms"),
            contentRecorded: false
        )
    }

    /// The `{"status", "source", "duration_ms"}` object, with the answer's `headers` and
    /// `body`/`body_base64` when the line has them (lines written before they were kept
    /// have not), or nil.
    static func decodeResponse(_ r: (some ExchangeFields)?) throws -> ExchangeResponse? {
        guard let r else { return nil }
        let sourceText = r.string("source") ?? "default"
        return ExchangeResponse(
            status: r.int("status"),
            headers: r.has("headers") ? try r.headerPairs("headers", field: "response.headers") : [],
            body: try decodeBody(r, field: "response.") ?? [],
            source: ExchangeResponse.Source(rawValue: sourceText) ?? .default,
            durationMilliseconds: r.double("duration_ms") ?? 0,
            // A line written since the answer's content is kept has `headers`, if only [];
            // one written by hand or by another tool may give the body alone, and the
            // body it has is the answer's (the README makes both optional when reading).
            contentRecorded: r.has("headers") || r.has("body") || r.has("body_base64")
        )
    }

    /// `body` as UTF-8 or `body_base64` decoded; nil when neither is there.
    private static func decodeBody(_ o: some ExchangeFields, field prefix: String) throws -> [UInt8]? {
        if let bytes = o.stringBytes("body") { return bytes }
        guard let encoded = o.stringBytes("body_base64") else { return nil }
        guard let bytes = Base64.decode(encoded) else { throw DecodingError(message: "\(prefix)body_base64 is not base64") }
        return bytes
    }

    static func notAPair(_ field: String, _ index: Int) -> DecodingError {
        DecodingError(message: "\(field)[\(index)] is not a [name, value] pair")
    }

    static func missing(_ field: String) -> DecodingError {
        DecodingError(message: "missing or mistyped field \"\(field)\"")
    }
}

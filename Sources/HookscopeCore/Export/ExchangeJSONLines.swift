/// The JSON Lines form of an exchange: the contract printed by `--json`, appended by
/// `--save` and read back by `--load` (see the README for the schema).
public enum ExchangeJSONLines {
    /// One line of JSON, without the trailing newline.
    public static func encode(_ exchange: Exchange) -> String {
        var line: [UInt8] = []
        encode(exchange, appendingTo: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// Appends the line (without its newline) to `buffer`: the body is checked and escaped
    /// (or base64-encoded) straight into it in one pass, with nothing made in between, so
    /// a printer that keeps its buffer from line to line does no allocation per line.
    public static func encode(_ exchange: Exchange, appendingTo buffer: inout [UInt8]) {
        JSONWriter.appending(to: &buffer) { write(exchange, into: &$0) }
    }

    private static func write(_ exchange: Exchange, into w: inout JSONWriter) {
        // Room for the body as it mostly is (text that needs few escapes) and the rest.
        w.reserve(512 + exchange.body.count + exchange.body.count / 8 + (exchange.response?.body.count ?? 0))
        w.raw("{")
        w.key("id", first: true); w.int(exchange.id)
        w.key("received_at"); w.timestamp(exchange.receivedAt)
        w.key("remote"); w.string(exchange.remote)
        w.key("method"); w.string(exchange.method)
        w.key("path"); w.string(exchange.path)
        w.key("query"); w.optionalString(exchange.query)
        w.key("headers"); headers(exchange.headers, into: &w)
        body(exchange.body, into: &w)
        w.key("body_size"); w.int(exchange.bodySize)
        w.key("body_truncated"); w.bool(exchange.bodyTruncated)
        // Only for another version than 1.1 (HTTP/1.0): the Request tab's first line and
        // curl's `--http1.0` say it, and a line without it is read as 1.1 (HAR has its own).
        // Read from the box, which holds nil for 1.1: no default made and compared per line.
        if let version = exchange.rareBox?.parts.httpVersion { w.key("http_version"); w.string(version) }
        writeAnalysisAndResponse(of: exchange, into: &w)
        w.raw("}")
    }

    /// `provider` through `response`: the members the JSON Lines contract and HAR's
    /// `_hookscope` object share, written the same way in both. `answerContent`: the
    /// answer's headers and body too (HAR has its own place for them).
    ///
    /// An answer read back without its content (`contentRecorded` false) is written without
    /// `headers`, `body` and `body_size`, as it was read: `[]` and `0` would state an answer
    /// that had none, and the next read would believe it. HAR's `_hookscope.response` has
    /// no content either way, so it says `"content_recorded": false` instead.
    static func writeAnalysisAndResponse(of exchange: Exchange, answerContent: Bool = true, into w: inout JSONWriter) {
        let a = exchange.analysis
        w.key("provider"); w.optionalString(a.provider)
        w.key("event"); w.optionalString(a.event)
        w.key("delivery_id"); w.optionalString(a.deliveryID)
        w.key("signature")
        w.raw("{")
        w.key("status", first: true); w.string(a.signature.status.rawValue)
        w.key("scheme"); w.optionalString(a.signature.scheme)
        w.key("header"); w.optionalString(a.signature.header)
        w.key("reason"); a.signature.writeReason(into: &w)
        w.raw("}")
        w.key("attempt"); w.int(a.attempt)
        w.key("response")
        if let r = exchange.response {
            w.raw("{")
            w.key("status", first: true)
            if let status = r.status { w.int(status) } else { w.null() }
            w.key("source"); w.string(r.source.rawValue)
            w.key("duration_ms"); w.milliseconds(r.durationMilliseconds)
            if !r.contentRecorded {
                if !answerContent { w.key("content_recorded"); w.bool(false) }
            } else if answerContent {
                w.key("headers"); headers(r.headers, into: &w)
                body(r.body, into: &w)
                w.key("body_size"); w.int(r.body.count)
            }
            w.raw("}")
        } else {
            w.null()
        }
        if let upstream = exchange.upstream, let route = upstream.route {
            writeForward(upstream, route: route, into: &w)
        }
        // Only for a request refused before it was read as HTTP: why, as the headless line
        // says it (`rejected: ...`).
        if let rejection = exchange.rareBox?.parts.rejection { w.key("rejection"); w.string(rejection) }
        if let relay = exchange.relay {
            // Only for relayed deliveries: where from, and whether the body is the sender's.
            w.key("source"); w.string(relay.kind)
            w.key("relay")
            w.raw("{")
            // Never the channel's URL: it is a secret (ExchangeRelay).
            w.key("host", first: true); w.string(relay.host)
            w.key("channel_tag"); w.string(relay.channelTag)
            w.key("body_exact"); w.bool(relay.bodyIsExact)
            w.raw("}")
        }
    }

    /// `forward` (optional, only for a forwarded delivery): which `--forward` route sent it
    /// where, and what the app answered (`status` null and `error` when it could not).
    private static func writeForward(_ upstream: UpstreamResponse, route: String, into w: inout JSONWriter) {
        w.key("forward")
        w.raw("{")
        w.key("route", first: true); w.string(route)
        w.key("url"); w.string(upstream.url)
        w.key("status")
        if let status = upstream.status { w.int(status) } else { w.null() }
        w.key("duration_ms"); w.milliseconds(upstream.durationMilliseconds)
        w.key("error"); w.optionalString(upstream.error)
        if let by = upstream.forwardedBy { w.key("by"); w.string(by) }
        if let forwarder = upstream.forwarder { w.key("forwarder"); w.string(forwarder) }
        if let roundTrip = upstream.roundTripMilliseconds { w.key("round_trip_ms"); w.milliseconds(roundTrip) }
        w.raw("}")
    }

    static func headers(_ list: [HeaderField], into w: inout JSONWriter) {
        w.raw("[")
        for (i, h) in list.enumerated() {
            w.stringPair(h.name, h.value, comma: i > 0)
        }
        w.raw("]")
    }

    /// `"body"` when the bytes are valid UTF-8, else `"body_base64"`.
    private static func body(_ bytes: [UInt8], into w: inout JSONWriter) {
        w.textOrBase64Member(bytes, text: "body", base64: "body_base64")
    }
}

/// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): the archive format browser
/// dev tools and HTTP clients open. Every field the spec requires is written; what HAR has
/// no place for (capture id, sender address, provider verdict, how the answer was chosen)
/// goes into `_hookscope`, a custom field as the spec allows (leading underscore), so
/// `--load` can read an archive back without losing it.
public enum HARExport {
    public static let creatorName = "hookscope"
    public static let creatorVersion = "0.1.0"

    /// The whole archive as JSON text.
    /// - Parameter baseURL: scheme and authority for the request URLs (`http://host:port`);
    ///   by default `http://` plus each request's Host header.
    public static func encode(_ exchanges: [Exchange], baseURL: String? = nil) -> String {
        var w = JSONWriter(reservingCapacity: 1024 + exchanges.reduce(0) { $0 + $1.body.count * 2 + 1024 })
        w.raw("{")
        w.key("log", first: true)
        w.raw("{")
        w.key("version", first: true); w.string("1.2")
        w.key("creator")
        w.raw("{")
        w.key("name", first: true); w.string(creatorName)
        w.key("version"); w.string(creatorVersion)
        w.raw("}")
        w.key("pages"); w.raw("[]")
        w.key("entries")
        w.raw("[")
        for (index, exchange) in exchanges.enumerated() {
            if index > 0 { w.raw(",") }
            entry(exchange, baseURL: baseURL, into: &w)
        }
        w.raw("]}}")
        return w.string
    }

    private static func entry(_ exchange: Exchange, baseURL: String?, into w: inout JSONWriter) {
        let duration = max(0, exchange.response?.durationMilliseconds ?? 0)
        w.raw("{")
        w.key("startedDateTime", first: true); w.timestamp(exchange.receivedAt)
        w.key("time"); w.milliseconds(duration)
        w.key("request"); request(exchange, baseURL: baseURL, into: &w)
        w.key("response"); response(exchange, into: &w)
        w.key("cache"); w.raw("{}")
        // hookscope measures from the request's last byte to the answer being handed to the
        // socket: that is the server's "wait"; sending and receiving are not measured apart.
        w.key("timings")
        w.raw("{")
        w.key("blocked", first: true); w.int(-1)
        w.key("dns"); w.int(-1)
        w.key("connect"); w.int(-1)
        w.key("ssl"); w.int(-1)
        w.key("send"); w.int(0)
        w.key("wait"); w.milliseconds(duration)
        w.key("receive"); w.int(0)
        w.raw("}")
        w.key("_hookscope"); hookscopeFields(exchange, into: &w)
        w.raw("}")
    }

    private static func request(_ exchange: Exchange, baseURL: String?, into w: inout JSONWriter) {
        w.raw("{")
        w.key("method", first: true); w.string(exchange.method)
        w.key("url"); w.string(exchange.url(base: baseURL))
        w.key("httpVersion"); w.string(exchange.httpVersion)
        w.key("cookies"); nameValueList(requestCookies(exchange.headers), into: &w)
        w.key("headers"); nameValueList(exchange.headers.map { ($0.name, $0.value) }, into: &w)
        w.key("queryString"); nameValueList(QueryString.pairs(exchange.query), into: &w)
        if hasBody(exchange) {
            w.key("postData")
            w.raw("{")
            w.key("mimeType", first: true); w.string(exchange.headers.first(named: "Content-Type") ?? "")
            bodyText(exchange.body, into: &w)
            w.raw("}")
        }
        w.key("headersSize"); w.int(RawHTTPExport.head(of: exchange).count)
        w.key("bodySize"); w.int(exchange.body.count)
        w.raw("}")
    }

    private static func response(_ exchange: Exchange, into w: inout JSONWriter) {
        // No answer sent (hang, close, reset, still pending): HAR has no "none", so status 0
        // as browsers write for a failed request.
        let r = exchange.response
        let status = r?.status ?? 0
        w.raw("{")
        w.key("status", first: true); w.int(status)
        w.key("statusText"); w.string(HTTPStatusText.reason(for: status))
        w.key("httpVersion"); w.string(r?.status == nil ? "" : exchange.httpVersion)
        w.key("cookies"); nameValueList(responseCookies(r?.headers ?? []), into: &w)
        w.key("headers"); nameValueList((r?.headers ?? []).map { ($0.name, $0.value) }, into: &w)
        let body = r?.body ?? []
        w.key("content")
        w.raw("{")
        w.key("size", first: true); w.int(body.count)
        w.key("mimeType"); w.string(r?.headers.first(named: "Content-Type") ?? "")
        if !body.isEmpty {
            if !w.textOrBase64Member(body, text: "text", base64: "text") {
                w.key("encoding"); w.string("base64")
            }
        }
        w.raw("}")
        w.key("redirectURL"); w.string(r?.headers.first(named: "Location") ?? "")
        w.key("headersSize"); w.int(-1)
        // Read back without its headers and body (an old save file): their size is not known,
        // and HAR's `[]` above would otherwise pass for an answer that had none. `_hookscope`
        // marks it for `--load`; the comment is for anyone else reading the archive.
        let recorded = r?.contentRecorded ?? true
        w.key("bodySize"); w.int(r?.status == nil || !recorded ? -1 : body.count)
        if !recorded { w.key("comment"); w.string("headers and body not recorded") }
        w.raw("}")
    }

    /// `text` for UTF-8 bodies; base64 with a custom `_encoding` marker otherwise, since HAR
    /// 1.2 gives `postData` no encoding field of its own.
    private static func bodyText(_ body: [UInt8], into w: inout JSONWriter) {
        if !w.textOrBase64Member(body, text: "text", base64: "text") {
            w.key("_encoding"); w.string("base64")
        }
    }

    private static func hookscopeFields(_ exchange: Exchange, into w: inout JSONWriter) {
        w.raw("{")
        w.key("id", first: true); w.int(exchange.id)
        w.key("remote"); w.string(exchange.remote)
        // The target as sent, as the JSON Lines have it: the URL is rebuilt from the Host
        // header, which may be missing or hold a `/`, and HAR's URL is no place for `*` or
        // a proxy's absolute form.
        w.key("path"); w.string(exchange.path)
        w.key("query"); w.optionalString(exchange.query)
        w.key("body_size"); w.int(exchange.bodySize)
        w.key("body_truncated"); w.bool(exchange.bodyTruncated)
        ExchangeJSONLines.writeAnalysisAndResponse(of: exchange, answerContent: false, into: &w)
        w.raw("}")
    }

    private static func nameValueList(_ pairs: [(String, String)], into w: inout JSONWriter) {
        w.raw("[")
        for (i, pair) in pairs.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{")
            w.key("name", first: true); w.string(pair.0)
            w.key("value"); w.string(pair.1)
            w.raw("}")
        }
        w.raw("]")
    }

    /// HAR's `request.cookies`: every `name=value` pair of the Cookie headers (RFC 6265 5.4).
    static func requestCookies(_ headers: [HeaderField]) -> [(String, String)] {
        headers.filter { $0.name.lowercased() == "cookie" }.flatMap { header in
            header.value.split(separator: ";").compactMap { cookie(Substring($0)) }
        }
    }

    /// HAR's `response.cookies`: the name and value of each Set-Cookie header (RFC 6265
    /// 4.1; attributes after the first `;` are left out, HAR has them as optional fields).
    static func responseCookies(_ headers: [HeaderField]) -> [(String, String)] {
        headers.filter { $0.name.lowercased() == "set-cookie" }.compactMap { header in
            cookie(header.value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }
    }

    private static func cookie(_ pair: Substring) -> (String, String)? {
        let trimmed = pair.trimmingSpacesAndTabs()
        guard let equals = trimmed.firstIndex(of: "="), equals != trimmed.startIndex else { return nil }
        return (String(trimmed[..<equals].trimmingSpacesAndTabs()), String(trimmed[trimmed.index(after: equals)...].trimmingSpacesAndTabs()))
    }

    /// A body is written when there is one, or when the sender declared an empty one.
    static func hasBody(_ exchange: Exchange) -> Bool {
        !exchange.body.isEmpty || exchange.headers.first(named: "Content-Length") != nil
            || exchange.headers.first(named: "Transfer-Encoding") != nil
    }
}

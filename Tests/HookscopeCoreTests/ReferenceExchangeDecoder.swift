import Foundation
@testable import HookscopeCore

/// The decoders as they were before issue 16: `JSONSerialization` into `[String: Any]` and
/// casts, kept verbatim as the reference the byte-level ones (`JSONObjectText`) are held
/// to by `ExchangeDecodingPropertyTests`.
enum ReferenceExchangeDecoder {
    typealias DecodingError = ExchangeJSONLines.DecodingError

    /// Reads one line written by `encode`.
    static func decode(_ line: String) throws -> Exchange {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
        } catch {
            throw DecodingError(message: "not valid JSON")
        }
        guard let o = object as? [String: Any] else { throw DecodingError(message: "not a JSON object") }

        guard let method = o["method"] as? String else { throw missing("method") }
        guard let path = o["path"] as? String else { throw missing("path") }
        guard let receivedText = o["received_at"] as? String else { throw missing("received_at") }
        guard let receivedAt = Timestamp(rfc3339: receivedText) else {
            throw DecodingError(message: "received_at is not an RFC 3339 time: \(receivedText.prefix(40))")
        }
        let query = o["query"] as? String
        let headers = try decodeHeaders(o["headers"], field: "headers")
        guard let body = try decodeBody(o, field: "") else {
            throw DecodingError(message: "neither body nor body_base64 is present")
        }
        let analysis = try decodeAnalysis(o)
        let response = try decodeResponse(o["response"])
        var exchange = Exchange(
            id: (o["id"] as? NSNumber)?.intValue ?? 0,
            receivedAt: receivedAt,
            remote: o["remote"] as? String ?? "",
            method: method,
            target: query.map { "\(path)?\($0)" } ?? path,
            httpVersion: httpVersion(o["http_version"]),
            headers: headers,
            body: body,
            bodySize: (o["body_size"] as? NSNumber)?.intValue ?? body.count,
            bodyTruncated: (o["body_truncated"] as? Bool) ?? false,
            analysis: analysis,
            response: response,
            upstream: decodeForward(o["forward"])
        )
        exchange.relay = decodeRelay(o)
        exchange.rejection = o["rejection"] as? String
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
    static func decodeRelay(_ o: [String: Any]) -> ExchangeRelay? {
        guard let kind = o["source"] as? String, let relay = o["relay"] as? [String: Any] else { return nil }
        let exact = relay["body_exact"] as? Bool ?? false
        if let url = relay["channel"] as? String {
            // Written before the channel URL was kept out: read as host and tag, so a
            // file saved again no longer carries it.
            return ExchangeRelay(kind: kind, channelURL: url, bodyIsExact: exact)
        }
        return ExchangeRelay(
            kind: kind, host: relay["host"] as? String ?? "", channelTag: relay["channel_tag"] as? String ?? "", bodyIsExact: exact
        )
    }

    /// The provider, event, delivery id, verdict and attempt fields of an object (also
    /// used for HAR's `_hookscope`).
    static func decodeAnalysis(_ o: [String: Any]) throws -> ExchangeAnalysis {
        var analysis = ExchangeAnalysis()
        analysis.provider = o["provider"] as? String
        analysis.event = o["event"] as? String
        analysis.deliveryID = o["delivery_id"] as? String
        analysis.attempt = (o["attempt"] as? NSNumber)?.intValue ?? 1
        if let s = o["signature"] as? [String: Any] {
            let statusText = s["status"] as? String ?? "unsigned"
            guard let status = SignatureVerdict.Status(rawValue: statusText) else {
                throw DecodingError(message: "unknown signature status \"\(statusText.prefix(40))\"")
            }
            analysis.signature = SignatureVerdict(
                status: status, scheme: s["scheme"] as? String,
                header: s["header"] as? String, reason: s["reason"] as? String
            )
        }
        return analysis
    }

    /// The optional `forward` object: the app's status and the route, without the app's
    /// headers and body (the JSON Lines do not carry them), and marked so.
    static func decodeForward(_ value: Any?) -> UpstreamResponse? {
        guard let f = value as? [String: Any], let url = f["url"] as? String else { return nil }
        return UpstreamResponse(
            url: url, status: (f["status"] as? NSNumber)?.intValue,
            durationMilliseconds: (f["duration_ms"] as? NSNumber)?.doubleValue ?? 0,
            error: f["error"] as? String, route: f["route"] as? String, forwardedBy: f["by"] as? String,
            forwarder: f["forwarder"] as? String, roundTripMilliseconds: (f["round_trip_ms"] as? NSNumber)?.doubleValue,
            contentRecorded: false
        )
    }

    /// The `{"status", "source", "duration_ms"}` object, with the answer's `headers` and
    /// `body`/`body_base64` when the line has them (lines written before they were kept
    /// have not), or nil.
    static func decodeResponse(_ value: Any?) throws -> ExchangeResponse? {
        guard let r = value as? [String: Any] else { return nil }
        let sourceText = r["source"] as? String ?? "default"
        return ExchangeResponse(
            status: (r["status"] as? NSNumber)?.intValue,
            headers: r["headers"] == nil ? [] : try decodeHeaders(r["headers"], field: "response.headers"),
            body: try decodeBody(r, field: "response.") ?? [],
            source: ExchangeResponse.Source(rawValue: sourceText) ?? .default,
            durationMilliseconds: (r["duration_ms"] as? NSNumber)?.doubleValue ?? 0,
            // A line written since the answer's content is kept has `headers`, if only [];
            // one written by hand or by another tool may give the body alone, and the
            // body it has is the answer's (the README makes both optional when reading).
            contentRecorded: r["headers"] != nil || r["body"] != nil || r["body_base64"] != nil
        )
    }

    /// `body` as UTF-8 or `body_base64` decoded; nil when neither is there.
    static func decodeBody(_ o: [String: Any], field prefix: String) throws -> [UInt8]? {
        if let text = o["body"] as? String { return Array(text.utf8) }
        guard let encoded = o["body_base64"] as? String else { return nil }
        guard let bytes = Base64.decode(encoded) else { throw DecodingError(message: "\(prefix)body_base64 is not base64") }
        return bytes
    }

    static func decodeHeaders(_ value: Any?, field: String) throws -> [HeaderField] {
        guard let list = value as? [Any] else { throw missing(field) }
        return try list.enumerated().map { index, item in
            guard let pair = item as? [Any], pair.count == 2,
                  let name = pair[0] as? String, let value = pair[1] as? String else {
                throw DecodingError(message: "\(field)[\(index)] is not a [name, value] pair")
            }
            return HeaderField(name, value)
        }
    }

    static func missing(_ field: String) -> DecodingError {
        DecodingError(message: "missing or mistyped field \"\(field)\"")
    }

    /// Reads `encoded()`'s JSON back with the two bodies; a row another version wrote
    /// wrongly is an error that says what is wrong, never a trap.
    static func decodeAnswer(_ json: String, answerBody: [UInt8], upstreamBody: [UInt8]) throws -> RemoteForwardAnswer {
        guard let o = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let status = (o["status"] as? NSNumber)?.intValue,
              let sourceText = o["source"] as? String, let source = ExchangeResponse.Source(rawValue: sourceText),
              let u = o["upstream"] as? [String: Any], let url = u["url"] as? String else {
            throw RemoteForwardAnswer.Failure(description: "a forwarder's answer is not the expected JSON object")
        }
        do {
            let answer = PlannedAnswer(
                status: status, headers: try decodeHeaders(o["headers"], field: "headers"),
                body: answerBody, source: source)
            let upstream = UpstreamResponse(
                url: url, status: (u["status"] as? NSNumber)?.intValue,
                headers: try decodeHeaders(u["headers"], field: "upstream.headers"),
                body: upstreamBody, durationMilliseconds: (u["duration_ms"] as? NSNumber)?.doubleValue ?? 0,
                error: u["error"] as? String, timedOut: u["timed_out"] as? Bool ?? false,
                route: u["route"] as? String, forwardedBy: u["by"] as? String, forwarder: u["forwarder"] as? String)
            return RemoteForwardAnswer(answer: answer, upstream: upstream)
        } catch {
            throw RemoteForwardAnswer.Failure(description: "a forwarder's answer: \(error)")
        }
    }
}

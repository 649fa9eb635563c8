import Foundation

/// What a forwarder attached to the shared store writes back for a delivery it claimed:
/// the answer the sender is to get and what the app said (with who forwarded it). Stored
/// as one JSON object (`encoded()`) beside the two bodies' bytes, which are kept out of the
/// JSON so they travel exactly.
public struct RemoteForwardAnswer: Sendable, Equatable {
    public var answer: PlannedAnswer
    public var upstream: UpstreamResponse

    public init(answer: PlannedAnswer, upstream: UpstreamResponse) {
        self.answer = answer
        self.upstream = upstream
    }

    /// The JSON without the bodies: `{"status","headers","source","upstream":{...}}`.
    public func encoded() -> String {
        var w = JSONWriter(reservingCapacity: 256)
        w.raw("{")
        w.key("status", first: true); w.int(answer.status)
        w.key("headers"); ExchangeJSONLines.headers(answer.headers, into: &w)
        w.key("source"); w.string(answer.source.rawValue)
        w.key("upstream")
        w.raw("{")
        w.key("url", first: true); w.string(upstream.url)
        w.key("status")
        if let status = upstream.status { w.int(status) } else { w.null() }
        w.key("headers"); ExchangeJSONLines.headers(upstream.headers, into: &w)
        w.key("duration_ms"); w.milliseconds(upstream.durationMilliseconds)
        w.key("error"); w.optionalString(upstream.error)
        w.key("timed_out"); w.bool(upstream.timedOut)
        w.key("route"); w.optionalString(upstream.route)
        w.key("by"); w.optionalString(upstream.forwardedBy)
        w.key("forwarder"); w.optionalString(upstream.forwarder)
        w.raw("}")
        w.raw("}")
        return w.string
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `encoded()`'s JSON back with the two bodies; a row another version wrote
    /// wrongly is an error that says what is wrong, never a trap.
    public static func decode(_ json: String, answerBody: [UInt8], upstreamBody: [UInt8]) throws -> RemoteForwardAnswer {
        guard let o = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let status = (o["status"] as? NSNumber)?.intValue,
              let sourceText = o["source"] as? String, let source = ExchangeResponse.Source(rawValue: sourceText),
              let u = o["upstream"] as? [String: Any], let url = u["url"] as? String else {
            throw Failure(description: "a forwarder's answer is not the expected JSON object")
        }
        do {
            let answer = PlannedAnswer(
                status: status, headers: try ExchangeJSONLines.decodeHeaders(o["headers"], field: "headers"),
                body: answerBody, source: source)
            let upstream = UpstreamResponse(
                url: url, status: (u["status"] as? NSNumber)?.intValue,
                headers: try ExchangeJSONLines.decodeHeaders(u["headers"], field: "upstream.headers"),
                body: upstreamBody, durationMilliseconds: (u["duration_ms"] as? NSNumber)?.doubleValue ?? 0,
                error: u["error"] as? String, timedOut: u["timed_out"] as? Bool ?? false,
                route: u["route"] as? String, forwardedBy: u["by"] as? String, forwarder: u["forwarder"] as? String)
            return RemoteForwardAnswer(answer: answer, upstream: upstream)
        } catch {
            throw Failure(description: "a forwarder's answer: \(error)")
        }
    }
}

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
    /// wrongly is an error that says what is wrong, never a trap. Read from the bytes as
    /// `JSONSerialization` would read them (`JSONObjectText`): the listener does this for
    /// every forwarded delivery (issue 16).
    public static func decode(_ json: String, answerBody: [UInt8], upstreamBody: [UInt8]) throws -> RemoteForwardAnswer {
        guard case .object(let o) = JSONObjectText.document(Array(json.utf8)),
              let status = o.int("status"),
              let sourceText = o.string("source"), let source = ExchangeResponse.Source(rawValue: sourceText),
              let u = o.object("upstream"), let url = u.string("url") else {
            throw Failure(description: "a forwarder's answer is not the expected JSON object")
        }
        do {
            let answer = PlannedAnswer(
                status: status, headers: try o.headerPairs("headers", field: "headers"),
                body: answerBody, source: source)
            let upstream = UpstreamResponse(
                url: url, status: u.int("status"),
                headers: try u.headerPairs("headers", field: "upstream.headers"),
                body: upstreamBody, durationMilliseconds: u.double("duration_ms") ?? 0,
                error: u.string("error"), timedOut: u.bool("timed_out") ?? false,
                route: u.string("route"), forwardedBy: u.string("by"), forwarder: u.string("forwarder"))
            return RemoteForwardAnswer(answer: answer, upstream: upstream)
        } catch {
            throw Failure(description: "a forwarder's answer: \(error)")
        }
    }
}

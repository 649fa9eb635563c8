extension RemoteForwardAnswer {
    /// This answer as a sender may get it: the app's own answer unchanged; any other
    /// answer (hookscope's own explanation why there is none: the app could not be reached
    /// or was too slow, the forwarder had no route for it) keeps its status, and its body
    /// becomes a neutral line. The sender is a third party, while those explanations are
    /// written for the team: they name the forwarder's user@host and the app's address on
    /// a laptop. What the explanation said stays in `upstream.error` (the exchange's
    /// record: `forward.error`, beside `forward.url` and `forward.by`).
    ///
    /// Both ends apply it: the forwarder before it writes its answer to the store, and the
    /// listener before it relays one, so neither an older forwarder nor an older listener
    /// lets the detail through.
    public var forSender: RemoteForwardAnswer {
        guard answer.source != .forward, answer.body != Array(Self.neutralText(status: answer.status).utf8) else { return self }
        var neutral = self
        neutral.answer = PlannedAnswer(
            status: answer.status, headers: [HeaderField("Content-Type", "text/plain; charset=utf-8")],
            body: Array(Self.neutralText(status: answer.status).utf8), source: answer.source, delivery: answer.delivery)
        if neutral.upstream.error == nil, !answer.body.isEmpty {
            neutral.upstream.error = String(decoding: answer.body, as: UTF8.self).trimmingTrailingNewlines
        }
        return neutral
    }

    /// Says what kind of trouble it was by the status alone (504: too slow; 508: a loop).
    static func neutralText(status: Int) -> String {
        switch status {
        case 504: return "hookscope: the app did not answer in time\n"
        case 508: return "hookscope: forwarding loop\n"
        default: return "hookscope: the delivery could not be forwarded to the app\n"
        }
    }
}

private extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

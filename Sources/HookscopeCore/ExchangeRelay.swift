/// A delivery that reached hookscope through a relay (`listen --source smee:URL`) rather
/// than a connection to the listener: the relay answered the sender itself, so nothing
/// hookscope answers reaches it, and the body may be the relay's re-encoding.
public struct ExchangeRelay: Sendable, Equatable {
    /// `smee`: the word the list, the detail and the JSON Lines (`source`) show.
    public var kind: String
    /// Where it was read from (`https://smee.io/CHANNEL`).
    public var channel: String
    /// The body is the sender's bytes (smee's `rawdata`); false: the relay's JSON
    /// re-encoding of what it parsed, so a signature over the raw body cannot be checked.
    public var bodyIsExact: Bool

    public init(kind: String, channel: String, bodyIsExact: Bool) {
        self.kind = kind
        self.channel = channel
        self.bodyIsExact = bodyIsExact
    }

    /// The detail's line about it.
    public var explanation: String {
        let body = bodyIsExact
            ? "the body is the sender's bytes (rawdata)"
            : "the body is \(kind)'s re-encoding of what it parsed, not the sender's bytes (the event has no rawdata)"
        return "relayed by \(kind) from \(TerminalSafeText.string(channel)): \(kind) answered the sender itself, so hookscope's answer does not reach it; \(body)"
    }

    /// The signature reason for a body the relay re-encoded: why it cannot match rather
    /// than a plain "invalid".
    public static func reencodedReason(kind: String, original: String?) -> String {
        "the body was re-encoded by \(kind) (its event has no rawdata, or its rawdata lost bytes that were not UTF-8), so a signature over the sender's raw body cannot be checked here"
            + (original.map { "; the check said: \($0)" } ?? "")
    }
}

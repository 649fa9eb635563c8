import Crypto

/// A delivery that reached hookscope through a relay (`listen --source smee:URL`) rather
/// than a connection to the listener: the relay answered the sender itself, so nothing
/// hookscope answers reaches it, and the body may be the relay's re-encoding.
///
/// The channel's URL is a secret: whoever knows it reads every delivery sent to it (and can
/// post fake ones). What is kept here goes into `--save` files, exports and the shared
/// store, so it is only the relay's host and a short tag of the URL, never the URL.
public struct ExchangeRelay: Sendable, Equatable {
    /// `smee`: the word the list, the detail and the JSON Lines (`source`) show.
    public var kind: String
    /// The relay's host, e.g. `smee.io`.
    public var host: String
    /// The first 8 hex digits of the SHA-256 of the channel's URL: tells two channels apart
    /// without giving the URL away.
    public var channelTag: String
    /// The body is the sender's bytes (smee's `rawdata`); false: the relay's JSON
    /// re-encoding of what it parsed, so a signature over the raw body cannot be checked.
    public var bodyIsExact: Bool

    public init(kind: String, host: String, channelTag: String, bodyIsExact: Bool) {
        self.kind = kind
        self.host = host
        self.channelTag = channelTag
        self.bodyIsExact = bodyIsExact
    }

    /// From the channel's URL, which is kept only as its host and tag.
    public init(kind: String, channelURL: String, bodyIsExact: Bool) {
        self.init(kind: kind, host: SmeeDelivery.hostAndPath(of: channelURL).host, channelTag: Self.tag(ofChannel: channelURL), bodyIsExact: bodyIsExact)
    }

    /// `3f9a1c2e` for a channel URL: 32 bits of its SHA-256.
    public static func tag(ofChannel url: String) -> String {
        Hex.encode(Array(SHA256.hash(data: Array(url.utf8))).prefix(4))
    }

    /// The detail's line about it.
    public var explanation: String {
        let body = bodyIsExact
            ? "the body is the sender's bytes (rawdata)"
            : "the body is \(kind)'s re-encoding of what it parsed, not the sender's bytes (the event has no rawdata)"
        return "relayed by \(kind) from \(TerminalSafeText.string(host)) (channel \(TerminalSafeText.string(channelTag))): \(kind) answered the sender itself, so hookscope's answer does not reach it; \(body)"
    }

    /// The signature reason for a body the relay re-encoded: why it cannot match rather
    /// than a plain "invalid".
    public static func reencodedReason(kind: String, original: String?) -> String {
        "the body was re-encoded by \(kind) (its event has no rawdata, or its rawdata lost bytes that were not UTF-8), so a signature over the sender's raw body cannot be checked here"
            + (original.map { "; the check said: \($0)" } ?? "")
    }
}

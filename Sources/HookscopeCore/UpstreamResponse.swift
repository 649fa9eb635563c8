/// What the user's app answered when hookscope forwarded a delivery (`--forward`), kept
/// beside what the sender got: the two differ when a rule overrides the answer, or when
/// the app could not be reached (the sender got 502/504 and `error` says why).
public struct UpstreamResponse: Sendable, Equatable {
    /// The URL the request went to.
    public var url: String
    /// nil when no answer came (refused, timed out, garbage).
    public var status: Int?
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// From sending to the answer's last byte (or to the failure).
    public var durationMilliseconds: Double
    /// Why there is no answer, in words.
    public var error: String?
    /// No answer came within the time allowed (the app is slow rather than down).
    public var timedOut: Bool
    /// The `--forward` route that sent it there (`ForwardRoute.name`); nil for a replay.
    public var route: String?
    /// Who forwarded it through the shared store (`attach --forward`): `user@host`; nil
    /// for a listener's own `--forward`.
    public var forwardedBy: String?
    /// Which `attach --forward` session forwarded it (its id in `hookscope_forwarders`),
    /// so that the attached UI that did can mark it as its own; nil otherwise.
    public var forwarder: String?
    /// Through the shared store: from the request's last byte at the listener to the
    /// forwarder's answer back at the listener (listener → database → laptop → app →
    /// back), of which `durationMilliseconds` is the app's part; nil otherwise.
    public var roundTripMilliseconds: Double?
    /// False when the record this was read from kept the app's status and timing but not
    /// its headers and body: the JSON Lines' `forward` object (a save file, the store)
    /// carries none of them, so after a read-back the empty `headers` and `body` say
    /// nothing of what the app sent. The screen then says "not recorded", not "(no
    /// headers)" and "no body" as for an app that really sent none.
    public var contentRecorded: Bool

    public init(
        url: String, status: Int?, headers: [HeaderField] = [], body: [UInt8] = [], durationMilliseconds: Double, error: String? = nil,
        timedOut: Bool = false, route: String? = nil, forwardedBy: String? = nil, forwarder: String? = nil,
        roundTripMilliseconds: Double? = nil, contentRecorded: Bool = true
    ) {
        self.contentRecorded = contentRecorded
        self.forwardedBy = forwardedBy
        self.forwarder = forwarder
        self.roundTripMilliseconds = roundTripMilliseconds
        self.url = url
        self.status = status
        self.headers = headers
        self.body = body
        self.durationMilliseconds = durationMilliseconds
        self.error = error
        self.timedOut = timedOut
        self.route = route
    }
}

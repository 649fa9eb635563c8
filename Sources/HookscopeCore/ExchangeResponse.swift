/// What hookscope answered, or that it sent no answer.
public struct ExchangeResponse: Sendable, Equatable {
    /// How the answer was chosen.
    public enum Source: String, Sendable, CaseIterable {
        case `default`
        case rule
        case sequence
        case intercept
        case timeout
        case forward
        case error
        /// The sender closed the connection before an answer was sent.
        case disconnected
        /// A relay (smee) answered the sender itself; no answer of hookscope's reached it.
        case relay
        /// hookscope closed the connection while stopping: the answer in flight (a
        /// `--forward`, a held, delayed or hanging one) outlasted the grace after SIGTERM.
        case shutdown
        /// Offered to the forwarders attached to the shared store (`attach --forward`), none
        /// claimed it within `--claim-timeout`: the plan answered.
        case unclaimed
        /// A forwarder attached to the shared store claimed it but its app's answer did not
        /// come back within `--forward-timeout`, or cannot come (the forwarder quit
        /// mid-forward, said in `forward.error`): the plan answered.
        case forwardTimeout = "forward_timeout"
        /// Intercept was on for every listener on the store (the shared plan), but no
        /// terminal UI was attached to decide: the plan answered at once instead of
        /// keeping the sender waiting for nobody.
        case unattended
    }

    // Stored in this order so that the 9-byte optional status and the 1-byte source share
    // the last word and a half: every stored exchange holds a response (40 bytes, not 48).
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// Milliseconds from the request's last byte to the answer being handed to the socket.
    public var durationMilliseconds: Double
    /// nil when no response was sent (a dropped or closed connection).
    public var status: Int?
    public var source: Source
    /// False when the record this was read from kept the answer's status and timing but
    /// not its headers and body (a JSON Lines line saved before they were kept): the empty
    /// `headers` and `body` then say nothing of what was sent, and the screen says "not
    /// recorded" rather than "(no headers)" and "no body". One byte in the word the status
    /// and source share: still 40 bytes a response.
    public var contentRecorded: Bool

    public init(
        status: Int?,
        headers: [HeaderField] = [],
        body: [UInt8] = [],
        source: Source,
        durationMilliseconds: Double,
        contentRecorded: Bool = true
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.source = source
        self.durationMilliseconds = durationMilliseconds
        self.contentRecorded = contentRecorded
    }
}

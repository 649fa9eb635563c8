import HookscopeCore

/// What the top bar says about the running server.
public struct HeaderInfo: Sendable, Equatable {
    /// The local address the server is bound to.
    public var url: String
    /// Where senders reach it (`--public-url` or a tunnel's): shown in the top bar in
    /// place of `url`, which then moves to the help screen.
    public var publicURL: String?
    public var forwardTarget: String?
    /// Every `--forward` route, when there are any: replay sends each exchange along the
    /// route that forwarded it (or that it matches), not only to `forwardTarget`.
    public var forwardRoutes: ForwardRoutes?
    public var responseMode: String
    /// Intercept is on: new requests wait for the user.
    public var intercept: Bool
    /// The shared store's state (`store: reconnecting, 12 waiting`, or `store: connected`
    /// with `storeIsWell`); nil when there is no store.
    public var store: String?
    /// The store is there and takes every write: shown plainly, not as an alert.
    public var storeIsWell: Bool

    /// What the top bar says about the tunnel while it has no URL (`tunnel: starting`,
    /// `tunnel: down (…)`); nil without a tunnel or while it is up (its URL is `publicURL`
    /// then).
    public var tunnelNotice: String?

    /// The id this attached UI forwards as (`attach --forward`): the deliveries it
    /// forwarded itself are marked in the list and the detail; nil otherwise.
    public var ownForwarder: String?
    /// The routes of this attached UI's `--forward`: a held request it forwards goes to
    /// its app through the store (`forwardRoutes` are a listener's own).
    public var storeForwardRoutes: ForwardRoutes?

    /// Faults the user must see while they last (`3 not saved`, `12 refused`), in words.
    public var alerts: [String]

    public init(url: String, publicURL: String? = nil, forwardTarget: String? = nil, forwardRoutes: ForwardRoutes? = nil, responseMode: String, intercept: Bool = false, store: String? = nil, storeIsWell: Bool = false, alerts: [String] = [], tunnelNotice: String? = nil, ownForwarder: String? = nil, storeForwardRoutes: ForwardRoutes? = nil) {
        self.url = url
        self.publicURL = publicURL
        self.forwardTarget = forwardTarget
        self.forwardRoutes = forwardRoutes
        self.responseMode = responseMode
        self.intercept = intercept
        self.store = store
        self.storeIsWell = storeIsWell
        self.alerts = alerts
        self.tunnelNotice = tunnelNotice
        self.ownForwarder = ownForwarder
        self.storeForwardRoutes = storeForwardRoutes
    }

    /// The address senders should use: the public one when known.
    public var senderURL: String { publicURL ?? url }
}

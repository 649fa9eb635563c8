/// What the top bar says about the running server.
public struct HeaderInfo: Sendable, Equatable {
    public var url: String
    public var forwardTarget: String?
    public var responseMode: String
    /// Intercept is on: new requests wait for the user.
    public var intercept: Bool

    public init(url: String, forwardTarget: String? = nil, responseMode: String, intercept: Bool = false) {
        self.url = url
        self.forwardTarget = forwardTarget
        self.responseMode = responseMode
        self.intercept = intercept
    }
}

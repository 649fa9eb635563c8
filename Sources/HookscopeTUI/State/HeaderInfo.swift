/// What the top bar says about the running server.
public struct HeaderInfo: Sendable, Equatable {
    public var url: String
    public var forwardTarget: String?
    public var responseMode: String

    public init(url: String, forwardTarget: String? = nil, responseMode: String) {
        self.url = url
        self.forwardTarget = forwardTarget
        self.responseMode = responseMode
    }
}

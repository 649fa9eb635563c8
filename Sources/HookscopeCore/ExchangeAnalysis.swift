/// Who sent a delivery and what it is: filled by provider detection and retry grouping.
public struct ExchangeAnalysis: Sendable, Equatable {
    public var provider: String?
    public var event: String?
    public var deliveryID: String?
    public var signature: SignatureVerdict
    /// 1 for the first delivery of an event, 2 for its first retry, ...
    public var attempt: Int
    /// What ties the attempts of one event together (see `RetryGrouper`); nil when the
    /// exchange could not be grouped.
    public var retryKey: String?
    /// Set on a retry whose body or signature differs from the first attempt's.
    public var retryChange: String?

    public init(
        provider: String? = nil,
        event: String? = nil,
        deliveryID: String? = nil,
        signature: SignatureVerdict = .unsigned,
        attempt: Int = 1
    ) {
        self.provider = provider
        self.event = event
        self.deliveryID = deliveryID
        self.signature = signature
        self.attempt = attempt
    }

    public static let none = ExchangeAnalysis()
}

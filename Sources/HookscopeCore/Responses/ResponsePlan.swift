/// How hookscope answers deliveries: an immutable value; the server reads the one in force
/// for each request from a `ResponsePlanHolder`.
///
/// For now every request gets the default answer; rules, sequences and failure modes
/// extend this type (see the README's roadmap).
public struct ResponsePlan: Sendable, Equatable {
    public var status: Int
    public var headers: [HeaderField]
    /// nil means the default JSON body naming the capture id.
    public var body: String?

    public init(status: Int = 200, headers: [HeaderField] = [], body: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The answer for one stored exchange.
    public func answer(for exchange: Exchange) -> PlannedAnswer {
        var headers = self.headers
        let bodyBytes: [UInt8]
        if let body {
            bodyBytes = Array(body.utf8)
        } else {
            bodyBytes = Array(#"{"captured":true,"id":\#(exchange.id)}"#.utf8)
            if headers.first(named: "Content-Type") == nil {
                headers.append(HeaderField("Content-Type", "application/json"))
            }
        }
        return PlannedAnswer(status: status, headers: headers, body: bodyBytes, source: .default)
    }

    /// A short description for status lines, e.g. `answer 200`.
    public var summary: String { "answer \(status)" }
}

/// What the server is to send for one exchange.
public struct PlannedAnswer: Sendable, Equatable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]
    public var source: ExchangeResponse.Source

    public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = [], source: ExchangeResponse.Source) {
        self.status = status
        self.headers = headers
        self.body = body
        self.source = source
    }
}

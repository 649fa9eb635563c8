/// One way to answer a delivery: a status with headers and body, and how to deliver it.
public struct AnswerSpec: Sendable, Equatable {
    /// How the answer reaches (or fails to reach) the sender.
    public enum Delivery: Sendable, Equatable {
        /// Answer at once.
        case now
        /// Answer after this many milliseconds.
        case delayed(milliseconds: Int)
        /// Never answer; wait until the sender gives up.
        case hang
        /// Close the connection without an answer (FIN).
        case close
        /// Reset the connection (RST, SO_LINGER 0).
        case reset
        /// Send the head at once, then the body a few bytes at a time.
        case trickle(bytesPerChunk: Int, intervalMilliseconds: Int)
    }

    public var status: Int
    public var headers: [HeaderField]
    /// nil means the default JSON body naming the capture id.
    public var body: String?
    public var delivery: Delivery

    public init(status: Int = 200, headers: [HeaderField] = [], body: String? = nil, delivery: Delivery = .now) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delivery = delivery
    }

    /// Whether the sender gets an HTTP answer at all.
    public var sendsResponse: Bool {
        switch delivery {
        case .hang, .close, .reset: return false
        case .now, .delayed, .trickle: return true
        }
    }

    /// Short text for the top bar and the rules screen: `503`, `200 after 2000 ms`, `hang`.
    public var summary: String {
        switch delivery {
        case .now: return "\(status)"
        case .delayed(let ms): return "\(status) after \(ms) ms"
        case .hang: return "hang"
        case .close: return "close"
        case .reset: return "reset"
        case .trickle(let bytes, let ms): return "\(status) trickled \(bytes) B/\(ms) ms"
        }
    }

    /// The concrete answer for one stored exchange.
    public func planned(for exchange: Exchange, source: ExchangeResponse.Source) -> PlannedAnswer {
        var headers = self.headers
        let bodyBytes: [UInt8]
        if !AnswerStatus.allowsBody(status) {
            // 204, 205 and 304 have no content, whatever --response-body says.
            bodyBytes = []
        } else if let body {
            bodyBytes = Array(body.utf8)
        } else if sendsResponse {
            bodyBytes = Array(#"{"captured":true,"id":\#(exchange.id)}"#.utf8)
            if headers.first(named: "Content-Type") == nil {
                headers.append(HeaderField("Content-Type", "application/json"))
            }
        } else {
            bodyBytes = []
        }
        return PlannedAnswer(status: status, headers: headers, body: bodyBytes, source: source, delivery: delivery)
    }
}

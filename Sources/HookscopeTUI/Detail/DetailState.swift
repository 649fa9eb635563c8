/// Where the detail screen is: which exchange, tab, body view and scroll position.
public struct DetailState: Sendable, Equatable {
    public enum Tab: Int, Sendable, CaseIterable {
        case request, signature, response, attempts

        public var title: String {
            switch self {
            case .request: return "Request"
            case .signature: return "Signature"
            case .response: return "Response"
            case .attempts: return "Attempts"
            }
        }

        /// For narrow screens, where four full titles leave no room for the delivery.
        public var shortTitle: String {
            switch self {
            case .request: return "Req"
            case .signature: return "Sig"
            case .response: return "Resp"
            case .attempts: return "Tries"
            }
        }
    }

    public var exchangeID: Int?
    public var tab: Tab = .request
    /// nil until the user presses `m`: then the view chosen for the body's content.
    public var bodyView: BodyView?
    public var scroll = 0

    public init(exchangeID: Int? = nil) {
        self.exchangeID = exchangeID
    }
}

/// How a body is shown.
public enum BodyView: String, Sendable, CaseIterable {
    case json, text, hex

    public var title: String {
        switch self {
        case .json: return "pretty JSON"
        case .text: return "raw text"
        case .hex: return "hex"
        }
    }

    public var next: BodyView {
        switch self {
        case .json: return .text
        case .text: return .hex
        case .hex: return .json
        }
    }
}

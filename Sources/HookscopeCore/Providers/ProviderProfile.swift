/// Everything hookscope knows about one sender, as data: how to recognise it, how it
/// signs, where its event type and delivery id are, and how it retries.
public struct ProviderProfile: Sendable, Equatable {
    /// The name used on the command line, in secrets and in the output, e.g. `teamwork`.
    public var name: String
    /// The name people know, e.g. `Teamwork`.
    public var displayName: String
    public var recognition: ProviderRecognition
    /// nil when the provider's documentation does not say how it signs (ProductLift):
    /// hookscope then never guesses a recipe, it tries discovery instead.
    public var signature: SignatureRecipe?
    public var event: FieldSource?
    public var deliveryID: FieldSource?
    public var retries: RetrySchedule
    /// Where the facts come from and what the documentation leaves open.
    public var documentation: ProviderDocumentation

    public init(
        name: String,
        displayName: String,
        recognition: ProviderRecognition,
        signature: SignatureRecipe?,
        event: FieldSource? = nil,
        deliveryID: FieldSource? = nil,
        retries: RetrySchedule = .undocumented,
        documentation: ProviderDocumentation = ProviderDocumentation()
    ) {
        self.documentation = documentation
        self.name = name
        self.displayName = displayName
        self.recognition = recognition
        self.signature = signature
        self.event = event
        self.deliveryID = deliveryID
        self.retries = retries
    }
}

/// The documentation behind an entry: the main page, the page each fact comes from, and
/// what it does not say (shown by `hookscope providers NAME` and in the README table).
public struct ProviderDocumentation: Sendable, Equatable {
    /// The main documentation page.
    public var docs: String?
    /// Where the signature recipe is documented (also for `kind: none`: where it says the
    /// deliveries are signed).
    public var signatureSource: String?
    /// Where the retry schedule is documented.
    public var retriesSource: String?
    /// Facts the documentation leaves open, in words: `retry schedule`, `answer timeout`.
    public var unknown: [String]

    public init(docs: String? = nil, signatureSource: String? = nil, retriesSource: String? = nil, unknown: [String] = []) {
        self.docs = docs
        self.signatureSource = signatureSource
        self.retriesSource = retriesSource
        self.unknown = unknown
    }
}

/// How a delivery is recognised: headers first, payload shape second.
public struct ProviderRecognition: Sendable, Equatable {
    /// Each inner list is one rule: all its headers present means this provider.
    public var headerRules: [[String]]
    /// Top-level JSON keys that must all be present; empty means no payload rule.
    public var payloadKeys: [String]
    /// Whether the payload rule alone, with none of the headers, names this sender. True for
    /// a sender that has no header rule; otherwise only when the entry says so
    /// (`payload_alone: true`): short rules such as `[events]` only tell apart senders whose
    /// headers matched, and would claim any JSON body with that key.
    public var payloadAlone: Bool

    public init(headerRules: [[String]] = [], payloadKeys: [String] = [], payloadAlone: Bool? = nil) {
        self.headerRules = headerRules
        self.payloadKeys = payloadKeys
        self.payloadAlone = payloadAlone ?? headerRules.isEmpty
    }

    func matchesHeaders(_ headers: [HeaderField]) -> Bool {
        headerRules.contains { rule in
            !rule.isEmpty && rule.allSatisfy { headers.first(named: $0) != nil }
        }
    }

    func matchesPayload(_ payload: (any JSONFieldLookup)?) -> Bool {
        guard !payloadKeys.isEmpty, let payload else { return false }
        return payloadKeys.allSatisfy { payload.has($0) }
    }
}

/// Where a value such as the event type or delivery id is read from.
public enum FieldSource: Sendable, Equatable, CustomStringConvertible {
    case header(String)
    /// A JSON path into the body: `type`, or `event.type` for nested objects.
    case body(String)

    /// Parses `header:Name` or `body:path`.
    public init?(parsing text: String) {
        if text.hasPrefix("header:"), text.count > 7 {
            self = .header(String(text.dropFirst(7)))
        } else if text.hasPrefix("body:"), text.count > 5 {
            self = .body(String(text.dropFirst(5)))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .header(let name): return "header:\(name)"
        case .body(let path): return "body:\(path)"
        }
    }

    func read(headers: [HeaderField], payload: (any JSONFieldLookup)?) -> String? {
        switch self {
        case .header(let name): return headers.first(named: name)
        case .body(let path): return payload?.string(at: path)
        }
    }
}

/// "Answer deliveries that look like this with that": first matching enabled rule wins.
public struct ResponseRule: Sendable, Equatable {
    public var conditions: RequestConditions
    /// One answer, or several answered in turn (the last repeats).
    public var answers: [AnswerSpec]
    public var enabled: Bool

    public init(method: String? = nil, pathGlob: String? = nil, provider: String? = nil, answers: [AnswerSpec], enabled: Bool = true) {
        self.conditions = RequestConditions(method: method, pathGlob: pathGlob, provider: provider)
        self.answers = answers
        self.enabled = enabled
    }

    public var method: String? {
        get { conditions.method }
        set { conditions.method = newValue }
    }

    /// A glob over the path: `*` matches within a segment, `**` across segments.
    public var pathGlob: String? {
        get { conditions.pathGlob }
        set { conditions.pathGlob = newValue }
    }

    public var provider: String? {
        get { conditions.provider }
        set { conditions.provider = newValue }
    }

    public func matches(_ exchange: Exchange) -> Bool {
        enabled && conditions.matches(exchange)
    }

    /// `POST /teamwork/** provider=teamwork -> 500`
    public var summary: String {
        conditions.summary + " -> " + answers.map(\.summary).joined(separator: ",")
    }
}

/// Shell-like path globs: `*` any run of characters except `/`, `**` any run including `/`,
/// `?` one character except `/`.
public struct PathGlob: Sendable, Equatable {
    public let pattern: String

    public init(_ pattern: String) { self.pattern = pattern }

    public func matches(_ path: String) -> Bool {
        Self.match(Array(pattern.utf8)[...], Array(path.utf8)[...])
    }

    private static func match(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        let star = UInt8(ascii: "*")
        if first == star {
            let doubled = p.dropFirst().first == star
            let rest = doubled ? p.dropFirst(2) : p.dropFirst()
            var candidate = s
            while true {
                if match(rest, candidate) { return true }
                guard let c = candidate.first, doubled || c != UInt8(ascii: "/") else { return false }
                candidate = candidate.dropFirst()
            }
        }
        guard let c = s.first else { return false }
        if first == UInt8(ascii: "?") ? c != UInt8(ascii: "/") : first == c {
            return match(p.dropFirst(), s.dropFirst())
        }
        return false
    }
}

/// A status filter: one code (`404`), a class with `x` wildcards (`5xx`, `40x`), a range
/// (`400-499`), or `none` for exchanges that got no answer.
public struct StatusPattern: Sendable, Equatable {
    public var low: Int
    public var high: Int
    public var matchesNoAnswer: Bool

    public init?(_ text: String) {
        let lower = text.lowercased()
        if lower == "none" || lower == "---" {
            (low, high, matchesNoAnswer) = (0, -1, true)
            return
        }
        matchesNoAnswer = false
        let parts = lower.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b {
            (low, high) = (a, b)
            return
        }
        guard lower.count == 3, lower.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "x") }),
              lower.first != "x" else { return nil }
        low = Int(lower.replacingX(with: "0"))!
        high = Int(lower.replacingX(with: "9"))!
    }

    public func matches(_ status: Int?) -> Bool {
        guard let status else { return matchesNoAnswer }
        return status >= low && status <= high
    }
}

/// A case-insensitive pattern where `*` matches any run and `?` one character; without
/// wildcards it must match the whole value (`teamwork`), so `deals.*` is how to ask for a prefix.
public struct GlobPattern: Sendable, Equatable {
    public let pattern: [Character]

    public init(_ text: String) {
        pattern = Array(text.lowercased())
    }

    public func matches(_ value: String?) -> Bool {
        guard let value else { return false }
        return Self.match(pattern[...], Array(value.lowercased())[...])
    }

    private static func match(_ p: ArraySlice<Character>, _ s: ArraySlice<Character>) -> Bool {
        var p = p, s = s
        var starP: ArraySlice<Character>?
        var starS: ArraySlice<Character> = []
        while !s.isEmpty {
            if let c = p.first, c == "?" || c == s.first! {
                p = p.dropFirst()
                s = s.dropFirst()
            } else if p.first == "*" {
                starP = p.dropFirst()
                starS = s
                p = p.dropFirst()
            } else if let resume = starP {
                starS = starS.dropFirst()
                s = starS
                p = resume
            } else {
                return false
            }
        }
        return p.allSatisfy { $0 == "*" }
    }
}

private extension String {
    func replacingX(with digit: Character) -> String {
        String(map { $0 == "x" ? digit : $0 })
    }
}

import HookscopeCore

/// What the `/` filter asks for: terms separated by spaces, all of which must hold.
/// Plain words match the path, header names and values, and the body; `key:value` terms
/// narrow by one field; a leading `-` negates a term; double quotes keep spaces in a word.
public struct FilterQuery: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case text(String)
        case method(String)
        case status(StatusPattern)
        case provider(GlobPattern)
        case event(GlobPattern)
        case signature(SignatureVerdict.Status)
        case kind(Kind)
        indirect case not(Term)
    }

    /// `is:` words, for what the other fields cannot say: how the exchange came to be.
    public enum Kind: String, Sendable, CaseIterable {
        /// A replay row ("replay of #17").
        case replay
        /// A delivery that went on to the app with `--forward` (not a replay).
        case forwarded
        /// A forward or replay the app did not answer (refused, timed out, not HTTP).
        case error
    }

    public var terms: [Term]
    /// Terms that could not be understood, with why; they are left out of the match.
    public var problems: [String]

    public init(terms: [Term] = [], problems: [String] = []) {
        self.terms = terms
        self.problems = problems
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Parses the filter line; never fails, collects problems instead.
    public static func parse(_ text: String) -> FilterQuery {
        var query = FilterQuery()
        for word in words(of: text) {
            var body = Substring(word.text)
            var negated = false
            if !word.quoted, body.count > 1, body.first == "-" {
                negated = true
                body = body.dropFirst()
            }
            let term: Term?
            if !word.quoted, let colon = body.firstIndex(of: ":"), colon != body.startIndex {
                let key = body[..<colon].lowercased()
                let value = String(body[body.index(after: colon)...])
                term = keyed(key, value, whole: String(body), problems: &query.problems)
            } else {
                term = .text(String(body))
            }
            if let term { query.terms.append(negated ? .not(term) : term) }
        }
        return query
    }

    private static func keyed(_ key: String, _ value: String, whole: String, problems: inout [String]) -> Term? {
        switch key {
        case "method", "m":
            return .method(value.uppercased())
        case "status", "s":
            guard let pattern = StatusPattern(value) else {
                problems.append("status: wants 200, 5xx or 4xx-5xx, not '\(value)'")
                return nil
            }
            return .status(pattern)
        case "provider", "p":
            return .provider(GlobPattern(value))
        case "event", "e":
            return .event(GlobPattern(value))
        case "sig", "signature":
            guard let status = signatureStatus(value) else {
                problems.append("sig: wants valid, invalid, expired, malformed, no_secret or unsigned")
                return nil
            }
            return .signature(status)
        case "is":
            guard let kind = Kind(rawValue: value.lowercased()) else {
                problems.append("is: wants replay, forwarded or error")
                return nil
            }
            return .kind(kind)
        default:
            // Not a key we know (e.g. a URL with a colon): search for it as it is.
            return .text(whole)
        }
    }

    static func signatureStatus(_ value: String) -> SignatureVerdict.Status? {
        let normalized = value.lowercased().replacingOccurrences(of: "-", with: "_")
        if normalized == "nosecret" { return .noSecret }
        return SignatureVerdict.Status(rawValue: normalized)
    }

    /// Splits on spaces, keeping double-quoted runs together.
    static func words(of text: String) -> [(text: String, quoted: Bool)] {
        var result: [(String, Bool)] = []
        var current = ""
        var inQuotes = false
        var quoted = false
        for character in text {
            if character == "\"" {
                inQuotes.toggle()
                quoted = true
            } else if character == " ", !inQuotes {
                if !current.isEmpty { result.append((current, quoted)) }
                current = ""
                quoted = false
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append((current, quoted)) }
        return result
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

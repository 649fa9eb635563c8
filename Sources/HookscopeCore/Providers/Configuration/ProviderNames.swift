/// The provider names hookscope knows (the catalogue's and the config file's), and what a
/// name the user typed is taken for: a provider, a typo of one, or a name of their own
/// whose secrets are only used to discover a signature.
public struct ProviderNames: Sendable {
    public let known: [String]

    public init(_ known: [String]) {
        self.known = known
    }

    /// The known name `name` is most likely a typo of (`githb` → `github`): at most one
    /// edit away for names of up to four letters, two for longer ones (an edit: a letter
    /// added, removed, changed, or two neighbours swapped); nil when none is that close.
    public func nearMiss(_ name: String) -> String? {
        let typed = name.lowercased()
        guard !known.contains(typed) else { return nil }
        let allowed = typed.count <= 4 ? 1 : 2
        var best: (name: String, distance: Int)?
        for candidate in known {
            let distance = Self.editDistance(typed, candidate, limit: allowed)
            if distance <= allowed, distance < best?.distance ?? .max { best = (candidate, distance) }
        }
        return best?.name
    }

    /// What is wrong with a name given as a provider, or nil when it may stand.
    /// - Parameter hasSecrets: the name has secrets: a name of the user's own then stands
    ///   for signature discovery (unless it is a near miss, `needsProfile`, or both).
    /// - Parameter needsProfile: the command needs the provider's recipe (sign, send,
    ///   verify --provider): discovery cannot stand in for it.
    public func problem(with name: String, hasSecrets: Bool, needsProfile: Bool) -> String? {
        let typed = name.lowercased()
        if known.contains(typed) { return nil }
        let quoted = TerminalSafeText.string(name)
        if let near = nearMiss(typed) {
            // With a secret, say why a name of one's own is not taken for discovery here.
            let why = hasSecrets ? " (a secret for a name that is no provider is only tried for signature discovery, and a name this close to a provider's is taken for a typo)" : ""
            return "unknown provider '\(quoted)'; did you mean '\(near)'?\(why)"
        }
        if needsProfile {
            return "unknown provider '\(quoted)'; hookscope providers lists the known ones (add your own under providers: in the config file)"
        }
        if !hasSecrets {
            return "unknown provider '\(quoted)'; hookscope providers lists the known ones (or give it a secret to use discovery)"
        }
        return nil
    }

    /// Optimal string alignment distance, stopping early once every path is past `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}

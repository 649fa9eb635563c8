/// Routes pinned to a provider, for senders that detection cannot tell apart.
public struct ProviderPins: Sendable, Equatable {
    /// Every path not pinned below goes to this provider (`--provider teamwork`).
    public var everywhere: String?
    /// Exact paths, or prefixes ending in `*` (`/hooks/*`), to provider names.
    public var paths: [(path: String, provider: String)]

    public init(everywhere: String? = nil, paths: [(path: String, provider: String)] = []) {
        self.everywhere = everywhere?.lowercased()
        self.paths = paths.map { ($0.path, $0.provider.lowercased()) }
    }

    /// The provider pinned for a request path, if any; exact paths win over prefixes.
    public func provider(forPath path: String) -> String? {
        if let exact = paths.first(where: { $0.path == path }) { return exact.provider }
        let prefixes = paths.filter { $0.path.hasSuffix("*") && path.hasPrefix($0.path.dropLast()) }
        if let longest = prefixes.max(by: { $0.path.count < $1.path.count }) { return longest.provider }
        return everywhere
    }

    public static func == (lhs: ProviderPins, rhs: ProviderPins) -> Bool {
        lhs.everywhere == rhs.everywhere
            && lhs.paths.count == rhs.paths.count
            && zip(lhs.paths, rhs.paths).allSatisfy { $0.path == $1.path && $0.provider == $1.provider }
    }
}

import HookscopeCore

/// A replay the session must carry out: these exchanges, in this order, to `target`, or
/// to the app of their own `--forward` route (`routed`).
/// `resign` holds the ids whose signature (and timestamp) must be refreshed before
/// sending; `checked` says the user has already seen the staleness warnings.
public struct ReplayOrder: Sendable, Equatable {
    public var ids: [Int]
    public var target: String
    /// Exchanges whose `--forward` route goes elsewhere than `target`: their app, by id.
    public var routed: [Int: String]
    public var resign: Set<Int>
    public var checked: Bool
    /// The request as the user edited it (`e`), sent instead of the stored one.
    public var edited: Exchange?

    public init(ids: [Int], target: String, routed: [Int: String] = [:], resign: Set<Int> = [], checked: Bool = false, edited: Exchange? = nil) {
        self.ids = ids
        self.target = target
        self.routed = routed
        self.resign = resign
        self.checked = checked
        self.edited = edited
    }

    public func target(for id: Int) -> String {
        routed[id] ?? target
    }

    /// Where the exchanges go, each target once, in the order of the ids.
    public var targets: [String] {
        var seen = Set<String>()
        return ids.map(target(for:)).filter { seen.insert($0).inserted }
    }
}

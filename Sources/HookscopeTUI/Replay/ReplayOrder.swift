import HookscopeCore

/// A replay the session must carry out: these exchanges, in this order, to `target`.
/// `resign` holds the ids whose signature (and timestamp) must be refreshed before
/// sending; `checked` says the user has already seen the staleness warnings.
public struct ReplayOrder: Sendable, Equatable {
    public var ids: [Int]
    public var target: String
    public var resign: Set<Int>
    public var checked: Bool
    /// The request as the user edited it (`e`), sent instead of the stored one.
    public var edited: Exchange?

    public init(ids: [Int], target: String, resign: Set<Int> = [], checked: Bool = false, edited: Exchange? = nil) {
        self.ids = ids
        self.target = target
        self.resign = resign
        self.checked = checked
        self.edited = edited
    }
}

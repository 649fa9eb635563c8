/// Which exchanges to send again, decided by the user before a target is known: the
/// marked rows in list order, or the selected one; `edit` opens the request in `$EDITOR`
/// first (one exchange only).
public struct ReplayIntent: Sendable, Equatable {
    public var ids: [Int]
    public var edit: Bool

    public init(ids: [Int], edit: Bool = false) {
        self.ids = ids
        self.edit = edit
    }
}

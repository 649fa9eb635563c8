import HookscopeCore

/// What the session may do to send exchanges again (`r`, `e`): closures rather than the
/// server's types, so HookscopeTUI needs only HookscopeCore and tests can record what was
/// asked.
public struct ReplayControls: Sendable {
    /// What a person should know before sending this exchange as captured, at that time;
    /// pure, handed to `AppState`, whose `update` makes the decisions.
    public var check: @Sendable (Exchange, Timestamp) -> ReplayCheck
    /// Sends the exchanges in order, each re-signed when asked, to the order's target (or
    /// its own route's, `ReplayOrder.routed`), adds a row per result to the store, and
    /// reports progress through `report` (from any thread); returns at once.
    public var send: @Sendable (_ exchanges: [(Exchange, resign: Bool)], _ order: ReplayOrder, _ report: @escaping @Sendable (StatusMessage) -> Void) -> Void
    /// Opens the file in the user's editor and waits for it; nil when it ran, else why not.
    public var edit: @Sendable (_ path: String) -> String?

    public init(
        check: @escaping @Sendable (Exchange, Timestamp) -> ReplayCheck,
        send: @escaping @Sendable ([(Exchange, resign: Bool)], ReplayOrder, @escaping @Sendable (StatusMessage) -> Void) -> Void,
        edit: @escaping @Sendable (String) -> String?
    ) {
        self.check = check
        self.send = send
        self.edit = edit
    }

    /// Replay is not possible here (tests of other things, `--load` without a client).
    public static let none = ReplayControls(
        check: { _, _ in ReplayCheck() },
        send: { _, _, report in report(StatusMessage("replay is not available here", isError: true)) },
        edit: { _ in "editing is not available here" }
    )
}

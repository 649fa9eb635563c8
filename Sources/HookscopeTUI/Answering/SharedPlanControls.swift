import HookscopeCore

/// The store's shared plan, for an attached terminal UI: its keys s, R and i change what
/// every listener on the store answers instead of a plan of its own. Closures, so
/// HookscopeTUI needs no database and tests can record what was asked.
public struct SharedPlanControls: Sendable {
    /// The plan in force as last read from the store (nil: each listener's own).
    public var current: @Sendable () -> SharedPlan?
    /// Asks the store for the change and returns at once; the outcome comes back through
    /// `report`, from any thread.
    public var change: @Sendable (SharedPlanChange, _ report: @escaping @Sendable (StatusMessage) -> Void) -> Void

    public init(
        current: @escaping @Sendable () -> SharedPlan?,
        change: @escaping @Sendable (SharedPlanChange, _ report: @escaping @Sendable (StatusMessage) -> Void) -> Void
    ) {
        self.current = current
        self.change = change
    }
}

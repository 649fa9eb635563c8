import Synchronization

/// The response plan in force, replaced as a whole when the user changes it (from the
/// command line now, live from the TUI later). Readers get an immutable copy.
public final class ResponsePlanHolder: Sendable {
    private let plan: Mutex<ResponsePlan>

    public init(_ initial: ResponsePlan = ResponsePlan()) {
        plan = Mutex(initial)
    }

    public var current: ResponsePlan {
        get { plan.withLock { $0 } }
    }

    public func replace(with newPlan: ResponsePlan) {
        plan.withLock { $0 = newPlan }
    }
}

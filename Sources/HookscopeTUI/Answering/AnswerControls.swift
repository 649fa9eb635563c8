import HookscopeCore

/// What the session may change about how the server answers: the response plan and
/// intercept. Closures rather than the server's types, so HookscopeTUI needs only
/// HookscopeCore and tests can record what was asked.
public struct AnswerControls: Sendable {
    public var plan: ResponsePlanHolder?
    public var setIntercept: @Sendable (Bool) -> Void
    /// The intercepted requests waiting now, oldest first.
    public var waiting: @Sendable () -> [PendingAnswer]
    /// Answers one waiting request (nil drops it); false when it no longer waits.
    public var decide: @Sendable (Int, AnswerSpec?) -> Bool
    /// Answers every waiting request (nil drops them); returns how many there were.
    public var decideAll: @Sendable (AnswerSpec?) -> Int
    /// Sends one waiting request (nil: every one) to the app along its --forward route;
    /// returns how many went (0: it no longer waits).
    public var forward: @Sendable (Int?) -> Int
    /// Set in an attached UI: s, R and i change the store's shared plan (and `plan` is nil).
    public var shared: SharedPlanControls?
    /// Set in an attached UI: `a`, `A` and `D` decide requests the listeners hold, through
    /// the store; each outcome (decided, or who was first) comes back through `report`.
    public var decideThroughStore: (@Sendable (_ ids: [Int], _ answer: AnswerSpec?, _ report: @escaping @Sendable (StatusMessage) -> Void) -> Void)?
    /// Set in an attached UI that forwards (`attach --forward`): the picker's `forward to
    /// the app` sends held requests to this process's app through the store; each outcome
    /// comes back through `report`.
    public var forwardThroughStore: (@Sendable (_ ids: [Int], _ report: @escaping @Sendable (StatusMessage) -> Void) -> Void)?

    public init(
        plan: ResponsePlanHolder?,
        shared: SharedPlanControls? = nil,
        decideThroughStore: (@Sendable (_ ids: [Int], _ answer: AnswerSpec?, _ report: @escaping @Sendable (StatusMessage) -> Void) -> Void)? = nil,
        forwardThroughStore: (@Sendable (_ ids: [Int], _ report: @escaping @Sendable (StatusMessage) -> Void) -> Void)? = nil,
        setIntercept: @escaping @Sendable (Bool) -> Void = { _ in },
        waiting: @escaping @Sendable () -> [PendingAnswer] = { [] },
        decide: @escaping @Sendable (Int, AnswerSpec?) -> Bool = { _, _ in false },
        decideAll: @escaping @Sendable (AnswerSpec?) -> Int = { _ in 0 },
        forward: @escaping @Sendable (Int?) -> Int = { _ in 0 }
    ) {
        self.plan = plan
        self.shared = shared
        self.decideThroughStore = decideThroughStore
        self.forwardThroughStore = forwardThroughStore
        self.setIntercept = setIntercept
        self.waiting = waiting
        self.decide = decide
        self.decideAll = decideAll
        self.forward = forward
    }

    /// Nothing to control (replayed files, tests of other things).
    public static let none = AnswerControls(plan: nil)
}

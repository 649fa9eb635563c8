/// A provider's documented retry behaviour, kept as data for retry grouping and the
/// "what will the sender do next" view. Every field is nil when the documentation is
/// silent on it: hookscope never fills in a guess.
public struct RetrySchedule: Sendable, Equatable {
    /// What the sender counts as a failed delivery.
    public enum FailureRule: Sendable, Equatable {
        /// Any status outside 200...299.
        case non2xx
        /// Any status greater than the given one (Teamwork: "greater than 400").
        case statusAbove(Int)
    }

    public var failure: FailureRule?
    /// Seconds the sender waits for an answer before counting a failure.
    public var answerTimeoutSeconds: Int?
    /// Delays after the failure, in seconds, for each retry in order.
    public var delaysSeconds: [Int]?
    /// How many more attempts follow the first, when documented without the delays.
    public var retryCount: Int?
    /// The span the retries are spread over, when documented without the delays.
    public var windowSeconds: Int?
    /// What happens after the last failure, as documented.
    public var afterLastFailure: String?
    /// The documentation's words, for display.
    public var summary: String

    public init(
        failure: FailureRule? = nil,
        answerTimeoutSeconds: Int? = nil,
        delaysSeconds: [Int]? = nil,
        retryCount: Int? = nil,
        windowSeconds: Int? = nil,
        afterLastFailure: String? = nil,
        summary: String
    ) {
        self.failure = failure
        self.answerTimeoutSeconds = answerTimeoutSeconds
        self.delaysSeconds = delaysSeconds
        self.retryCount = retryCount ?? delaysSeconds?.count
        self.windowSeconds = windowSeconds
        self.afterLastFailure = afterLastFailure
        self.summary = summary
    }

    public var isDocumented: Bool { failure != nil || delaysSeconds != nil || retryCount != nil }

    /// Whether the sender would count `status` (nil: no answer) as a failure.
    /// nil when the documentation does not say.
    public func countsAsFailure(status: Int?) -> Bool? {
        guard let failure else { return nil }
        guard let status else { return true }
        switch failure {
        case .non2xx: return !(200...299).contains(status)
        case .statusAbove(let limit): return status > limit
        }
    }

    public static let undocumented = RetrySchedule(summary: "not documented")
}

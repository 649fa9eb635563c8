/// The attempts `hookscope send --retry` makes, from a provider's documented schedule:
/// the delay before each retry, and what to tell the person where the documentation
/// leaves something open.
public struct RetryPlan: Sendable, Equatable {
    /// Seconds (in the provider's time) before each retry, in order.
    public var delaysSeconds: [Int]
    public var notes: [String]

    public init(delaysSeconds: [Int], notes: [String] = []) {
        self.delaysSeconds = delaysSeconds
        self.notes = notes
    }

    public init(schedule: RetrySchedule, providerName: String) {
        if let delays = schedule.delaysSeconds {
            self.init(delaysSeconds: delays)
        } else if let count = schedule.retryCount, count > 0, let window = schedule.windowSeconds {
            // Productive: "25 more executions for the next 48 hours", spacing not given.
            let step = window / count
            self.init(
                delaysSeconds: Array(repeating: step, count: count),
                notes: ["\(providerName) documents \(CountWords.format(count, "retry", plural: "retries")) over \(DurationWords.format(seconds: Int64(window))) but not their spacing: hookscope spaces them evenly, \(DurationWords.format(seconds: Int64(step))) apart"]
            )
        } else if let count = schedule.retryCount, count > 0 {
            self.init(delaysSeconds: Array(repeating: 60, count: count), notes: ["\(providerName) documents \(CountWords.format(count, "retry", plural: "retries")) but not when: hookscope waits 1 min between them"])
        } else if schedule.retryCount == 0 {
            self.init(delaysSeconds: [], notes: ["\(providerName) does not retry a failed delivery: sent once"])
        } else if let window = schedule.windowSeconds {
            self.init(delaysSeconds: [], notes: ["\(providerName) documents retries over \(DurationWords.format(seconds: Int64(window))) but not how many or when: sent once"])
        } else {
            self.init(delaysSeconds: [], notes: ["\(providerName) does not document retries: sent once"])
        }
    }

    /// Total attempts: the first delivery and every retry.
    public var attempts: Int { delaysSeconds.count + 1 }

    /// Whether an answer counts as a failure, by the provider's rule or, where it has none,
    /// anything outside 2xx (and no answer at all).
    public static func isFailure(status: Int?, schedule: RetrySchedule) -> Bool {
        schedule.countsAsFailure(status: status) ?? (status.map { !(200...299).contains($0) } ?? true)
    }
}

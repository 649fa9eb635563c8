/// What a sender will do next with an event, from its documented schedule, the attempts
/// seen so far and how hookscope answered the last one. Pure arithmetic on the seeds'
/// numbers: where the documentation is silent the outlook says so and guesses nothing.
///
/// Delays are counted from the previous attempt ("Retry 2: 5 minutes after failure").
public struct RetryOutlook: Sendable, Equatable {
    /// One delivery of the event: when it came and what hookscope answered (nil: none).
    public struct Attempt: Sendable, Equatable {
        public var at: Timestamp
        public var status: Int?

        public init(at: Timestamp, status: Int?) {
            self.at = at
            self.status = status
        }
    }

    public enum Verdict: Sendable, Equatable {
        /// The last answer counts as success: no retry is expected.
        case delivered
        /// The last answer counts as a failure and a retry is due.
        case retryExpected(number: Int, at: Timestamp)
        /// The last answer counts as a failure, retries remain, but their times are not
        /// documented (Productive): `remaining` more by `by`.
        case retriesUndated(remaining: Int, by: Timestamp?)
        /// Every documented retry was used: the sender has given up.
        case gaveUp
        /// The documentation says nothing usable about retries or failures.
        case undocumented
        /// The last attempt has no answer yet.
        case unanswered
    }

    public var verdict: Verdict
    /// When the sender makes its last attempt if every answer keeps failing; nil when
    /// unknown.
    public var finalAttemptAt: Timestamp?
    /// Whether the last answer counts as a failure by the provider's rule; nil when the
    /// rule is not documented or there was no answer yet.
    public var lastIsFailure: Bool?

    public init(schedule: RetrySchedule, attempts: [Attempt], lastAnswered: Bool = true) {
        verdict = .undocumented
        finalAttemptAt = nil
        lastIsFailure = nil
        guard let first = attempts.first, let last = attempts.last else { return }
        guard lastAnswered else {
            verdict = .unanswered
            return
        }
        guard let failed = schedule.countsAsFailure(status: last.status) else { return }
        lastIsFailure = failed
        let retriesMade = attempts.count - 1
        if let delays = schedule.delaysSeconds {
            let remaining = Array(delays.dropFirst(retriesMade))
            finalAttemptAt = last.at.adding(seconds: remaining.reduce(0, +))
            guard failed else {
                verdict = .delivered
                return
            }
            guard let next = remaining.first else {
                verdict = .gaveUp
                return
            }
            verdict = .retryExpected(number: retriesMade + 1, at: last.at.adding(seconds: next))
        } else if let count = schedule.retryCount {
            let window = schedule.windowSeconds.map { first.at.adding(seconds: $0) }
            finalAttemptAt = window
            guard failed else {
                verdict = .delivered
                return
            }
            verdict = retriesMade >= count ? .gaveUp : .retriesUndated(remaining: count - retriesMade, by: window)
        } else {
            verdict = failed ? .undocumented : .delivered
        }
    }
}

extension Timestamp {
    func adding(seconds: Int) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: nanosecondsSinceEpoch + Int64(seconds) * 1_000_000_000)
    }
}

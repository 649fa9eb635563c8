import NIOCore

/// One deadline per connection for whatever it is waiting to read: the next request
/// (idle), the rest of a head, or the next piece of a body. Moving the deadline later only
/// stores a number; a single timer wakes at the old deadline and sleeps again if the
/// deadline moved, so a busy connection costs almost no timer work per request.
struct ReadDeadline {
    enum Phase: Equatable {
        case idle
        case head
        case body
        /// The request is complete: no read deadline while it is being answered.
        case answering
    }

    private(set) var phase = Phase.idle
    private(set) var deadline = NIODeadline.distantFuture
    var timer: Scheduled<Void>?
    /// When the running timer wakes; a deadline moved earlier than this needs a new timer.
    var timerDeadline = NIODeadline.distantFuture

    mutating func enter(_ phase: Phase, timeouts: ConnectionTimeouts) {
        self.phase = phase
        switch phase {
        case .idle: deadline = .now() + .milliseconds(Int64(timeouts.idleMilliseconds))
        case .head: deadline = .now() + .milliseconds(Int64(timeouts.headerMilliseconds))
        case .body: deadline = .now() + .milliseconds(Int64(timeouts.bodyMilliseconds))
        case .answering: deadline = .distantFuture
        }
    }

    /// True when the deadline has passed in the current phase.
    var hasExpired: Bool { phase != .answering && deadline <= .now() }
}

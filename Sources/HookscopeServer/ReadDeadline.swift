import NIOCore

/// One deadline per connection for whatever it is waiting to read: the next request
/// (idle), the rest of a head, or the next piece of a body. It owns its timer: moving the
/// deadline later only stores a number; a single timer wakes at the old deadline and sleeps
/// again if the deadline moved, so a busy connection costs almost no timer work per request.
///
/// Lives on the connection's event loop, and reads the time from it (so an embedded
/// event loop's virtual clock drives it in tests).
final class ReadDeadline {
    enum Phase: Equatable {
        case idle
        case head
        case body
        /// The request is complete: no read deadline while it is being answered.
        case answering
    }

    private(set) var phase = Phase.idle
    private let timeouts: ConnectionTimeouts
    private var deadline = NIODeadline.distantFuture
    private var loop: EventLoop?
    /// Told, on the loop, when the deadline of `phase` has passed.
    private var whenPassed: ((Phase) -> Void)?
    private var timer: Scheduled<Void>?
    /// When the running timer wakes; a deadline moved earlier than this needs a new timer.
    private var timerDeadline = NIODeadline.distantFuture

    init(timeouts: ConnectionTimeouts) {
        self.timeouts = timeouts
    }

    /// Starts keeping time on `loop`; until then `enter` only records the phase.
    func start(on loop: EventLoop, whenPassed: @escaping (Phase) -> Void) {
        self.loop = loop
        self.whenPassed = whenPassed
    }

    /// Ends the timer and lets go of the callback (it refers to the connection's handler).
    func stop() {
        timer?.cancel()
        timer = nil
        timerDeadline = .distantFuture
        whenPassed = nil
        loop = nil
    }

    /// Moves the connection into a waiting phase; its deadline starts now.
    func enter(_ phase: Phase) {
        self.phase = phase
        guard let loop else { return }
        let now = loop.now
        switch phase {
        case .idle: deadline = now + .milliseconds(Int64(timeouts.idleMilliseconds))
        case .head: deadline = now + .milliseconds(Int64(timeouts.headerMilliseconds))
        case .body: deadline = now + .milliseconds(Int64(timeouts.bodyMilliseconds))
        case .answering:
            // The running timer, if any, wakes once and finds nothing to do.
            deadline = .distantFuture
            return
        }
        if timer != nil, deadline < timerDeadline {
            timer?.cancel()
            timer = nil
            timerDeadline = .distantFuture
        }
        if timer == nil { arm(on: loop) }
    }

    private func arm(on loop: EventLoop) {
        let deadline = self.deadline
        guard deadline != .distantFuture else { return }
        timerDeadline = deadline
        timer = loop.assumeIsolated().scheduleTask(deadline: deadline) {
            // A timer replaced by an earlier one may still run once: only the current one acts.
            guard self.timerDeadline == deadline else { return }
            self.timer = nil
            self.timerDeadline = .distantFuture
            guard let loop = self.loop, self.phase != .answering else { return }
            if self.deadline <= loop.now {
                self.whenPassed?(self.phase)
            } else {
                self.arm(on: loop)
            }
        }
    }
}

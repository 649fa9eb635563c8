import HookscopeCore
import NIOCore

extension CaptureHandler {
    /// Answers with what the upstream app answers (or 502/504/508 when it cannot be had),
    /// recording both. The upstream call and its outcome stay on this connection's event
    /// loop, where the answer is written.
    func forward(_ stored: Exchange, with forwarder: Forwarder, along route: ForwardRoute, finishedAt: MonotonicInstant, keepAlive: Bool, context: ChannelHandlerContext) {
        // If the sender hangs up first, channelInactive records it with no status.
        answerInFlight = AnswerInFlight(
            exchange: stored, answer: PlannedAnswer(status: 0, source: .disconnected, delivery: .hang), finishedAt: finishedAt
        )
        forwarder.forward(stored, along: route, on: context.eventLoop).assumeIsolated().whenSuccess { outcome in
            guard self.isActive, self.answerInFlight?.exchange.id == stored.id else {
                self.attachUpstream(outcome.upstream, to: stored.id)
                return
            }
            self.answerInFlight = nil
            var withUpstream = stored
            withUpstream.upstream = outcome.upstream
            self.execute(outcome.answer, for: withUpstream, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        }
    }

    /// "Forward and override": the sender gets the chosen answer, and the upstream is still
    /// called so the user sees what the app said. Its outcome is attached on this event
    /// loop, so it cannot interleave with recording the answer.
    func callUpstreamAlongside(_ stored: Exchange, with forwarder: Forwarder, along route: ForwardRoute, context: ChannelHandlerContext) {
        forwarder.forward(stored, along: route, on: context.eventLoop).assumeIsolated().whenSuccess { outcome in
            self.attachUpstream(outcome.upstream, to: stored.id)
        }
    }

    /// Adds the upstream's answer to a stored exchange (completed or not).
    func attachUpstream(_ upstream: UpstreamResponse, to id: Int) {
        guard var current = shared.store.exchange(id: id) else { return }
        current.upstream = upstream
        shared.store.update(current)
    }
}

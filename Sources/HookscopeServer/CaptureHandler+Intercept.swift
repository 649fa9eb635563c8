import HookscopeCore
import NIOCore

extension CaptureHandler {
    /// Parks a stored request with the intercept controller until the user decides, the
    /// timeout passes (the plan's answer goes out, source `timeout`; with --forward or a
    /// forwarder attached to the store, the app's answer, source `forward`), or the sender hangs
    /// up (recorded with no status, source `disconnected`).
    func hold(_ stored: Exchange, finishedAt: MonotonicInstant, keepAlive: Bool, interceptor: InterceptController, context: ChannelHandlerContext) {
        let id = stored.id
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        // If the connection ends first, channelInactive records it from this.
        answerInFlight = AnswerInFlight(
            exchange: stored,
            answer: PlannedAnswer(status: 0, source: .disconnected, delivery: .hang),
            finishedAt: finishedAt
        )
        let held = interceptor.hold(id: id, since: stored.receivedAt) { decision in
            loop.execute {
                bound.value.handler.carryOut(decision, for: stored, finishedAt: finishedAt, keepAlive: keepAlive, context: bound.value.context)
            }
        }
        guard held else {
            // The last terminal UI left between admission and now (see `hold`).
            answerInFlight = nil
            answerAsPlanned(stored, finishedAt: finishedAt, keepAlive: keepAlive, heldReason: .unattended, context: context)
            return
        }
        loop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(interceptor.timeoutMilliseconds))) {
            guard interceptor.forget(id: id), self.isActive else { return }
            self.answerInFlight = nil
            self.answerAsPlanned(stored, finishedAt: finishedAt, keepAlive: keepAlive, heldReason: .timeout, context: context)
        }
    }

    private func carryOut(_ decision: InterceptController.Decision, for stored: Exchange, finishedAt: MonotonicInstant, keepAlive: Bool, context: ChannelHandlerContext) {
        guard isActive, answerInFlight?.exchange.id == stored.id else { return }
        answerInFlight = nil
        switch decision {
        case .answer(let spec):
            if let forwarder = shared.forwarder, forwarder.configuration.alwaysCallUpstream, let route = forwarder.route(for: stored) {
                callUpstreamAlongside(stored, with: forwarder, along: route, context: context)
            }
            execute(spec.planned(for: stored, source: .intercept), for: stored, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        case .drop:
            let dropped = PlannedAnswer(status: 0, source: .intercept, delivery: .close)
            execute(dropped, for: stored, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        case .asPlanned:
            answerAsPlanned(stored, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        case .unattended:
            answerAsPlanned(stored, finishedAt: finishedAt, keepAlive: keepAlive, heldReason: .unattended, context: context)
        case .forward:
            guard let forwarder = shared.forwarder, let route = forwarder.route(for: stored) else {
                answerAsPlanned(stored, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
                return
            }
            forward(stored, with: forwarder, along: route, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        case .forwardThroughStore(let forwarder):
            // Decided in an attached terminal UI that forwards: offered to that forwarder
            // alone, with the tunnel's claim and forward deadlines from now.
            if let remote = shared.remoteForward,
               offer(stored, to: remote, only: forwarder, finishedAt: finishedAt, keepAlive: keepAlive, context: context) {
                return
            }
            // Not offered: the plan answers now, as for an offer nobody claimed, and the
            // record says why (session 16 review M2: it said `default` and nothing more).
            // Not answerAsPlanned: that would offer it to every forwarder, which nobody chose.
            var answer = shared.plan.answer(for: stored)
            answer.source = .unclaimed
            var recorded = stored
            recorded.upstream = UpstreamResponse(
                url: "via the shared store", status: nil, durationMilliseconds: 0,
                error: shared.remoteForward == nil
                    ? "not offered: this listener has no connection for forwarding through the store"
                    : "not offered to \(forwarder): the listener is stopping, or that is no forwarder's id",
                route: "remote")
            execute(answer, for: recorded, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        }
    }

    /// The sender hung up while its request waited: take it off the waiting list.
    func forgetHeld(_ exchange: Exchange) {
        _ = shared.interceptor.forget(id: exchange.id)
    }
}

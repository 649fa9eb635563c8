import HookscopeCore
import NIOCore

extension CaptureHandler {
    /// Offers a stored request to the intercept controller, which decides in one look
    /// whether it waits (`InterceptController.admit`). When it is held, it waits until the
    /// user decides, the timeout passes (the plan's answer goes out, source `timeout`; with
    /// --forward or a forwarder attached to the store, the app's answer, source `forward`),
    /// or the sender hangs up (recorded with no status, source `disconnected`). Otherwise
    /// the caller answers it as the admission says.
    func admit(_ stored: Exchange, finishedAt: MonotonicInstant, keepAlive: Bool, interceptor: InterceptController,
               context: ChannelHandlerContext) -> InterceptController.Admission {
        // Intercept off, as nearly always: no closure or entry made for every request. One
        // that arrives as it turns on is answered as if it came a moment earlier; whether
        // a request is held, and how, is decided by `admit` alone.
        guard interceptor.isEnabled else { return .answer }
        let id = stored.id
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        // If the connection ends first, channelInactive records it from this. Set before the
        // request can be decided: a decision is carried out on this loop, after this returns.
        answerInFlight = AnswerInFlight(
            exchange: stored,
            answer: PlannedAnswer(status: 0, source: .disconnected, delivery: .hang),
            finishedAt: finishedAt
        )
        let admission = interceptor.admit(id: id, since: stored.receivedAt) { decision in
            loop.execute {
                bound.value.handler.carryOut(decision, for: stored, finishedAt: finishedAt, keepAlive: keepAlive, context: bound.value.context)
            }
        }
        guard admission == .hold else {
            answerInFlight = nil
            return admission
        }
        loop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(interceptor.timeoutMilliseconds))) {
            guard interceptor.forget(id: id), self.isActive else { return }
            self.answerInFlight = nil
            self.answerAsPlanned(stored, finishedAt: finishedAt, keepAlive: keepAlive, heldReason: .timeout, context: context)
        }
        return .hold
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

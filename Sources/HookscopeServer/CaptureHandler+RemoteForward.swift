import HookscopeCore
import NIOCore

extension CaptureHandler {
    /// Offers a delivery to the forwarders attached to the shared store; false when none
    /// takes it (the plan answers now). The reply comes on any thread and is carried out
    /// on this connection's loop: the app's answer relayed, or the plan's answer with the
    /// reason (`unclaimed`, `forward_timeout`) when none came in time, or none can come
    /// (the forwarder that claimed it quit: `forward_timeout`, why in `forward.error`). `only`: offered to
    /// this forwarder alone (a held request someone forwarded from its terminal UI).
    /// `heldReason`: why intercept did not decide it (`timeout`, `unattended`), which stays
    /// the record's source when the plan answers after all, with the tunnel's reason in
    /// `forward.error` (session 16 review L6: a held request that timed out and was then
    /// unclaimed was recorded `unclaimed`, and that it was held was lost).
    func offer(_ stored: Exchange, to remote: any RemoteForwarding, only forwarder: String? = nil, heldReason: ExchangeResponse.Source? = nil,
               finishedAt: MonotonicInstant, keepAlive: Bool, context: ChannelHandlerContext) -> Bool {
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        // If the sender hangs up first, channelInactive records it with no status.
        answerInFlight = AnswerInFlight(
            exchange: stored, answer: PlannedAnswer(status: 0, source: .disconnected, delivery: .hang), finishedAt: finishedAt
        )
        let offered = remote.offer(stored, only: forwarder) { result in
            loop.execute {
                bound.value.handler.carryOut(result, for: stored, heldReason: heldReason, finishedAt: finishedAt, keepAlive: keepAlive, context: bound.value.context)
            }
        }
        if !offered { answerInFlight = nil }
        return offered
    }

    private func carryOut(_ result: RemoteForwardResult, for stored: Exchange, heldReason: ExchangeResponse.Source?,
                          finishedAt: MonotonicInstant, keepAlive: Bool, context: ChannelHandlerContext) {
        guard isActive, answerInFlight?.exchange.id == stored.id else { return }
        answerInFlight = nil
        switch result {
        case .answered(let answered):
            // What a forwarder explains (its user@host, the app's address) is for the
            // record, never for the sender (a forwarder of an older version sends it).
            let remote = answered.forSender
            var withUpstream = stored
            withUpstream.upstream = remote.upstream
            // The whole way, as the listener saw it: listener → database → laptop → app → back.
            withUpstream.upstream?.roundTripMilliseconds = finishedAt.milliseconds(until: .now())
            execute(remote.answer, for: withUpstream, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        case .unclaimed, .timedOut, .forwarderQuit:
            var answer = shared.plan.answer(for: stored)
            answer.source = heldReason ?? (result.isUnclaimed ? .unclaimed : .forwardTimeout)
            var recorded = stored
            if case .timedOut(let by) = result, let by {
                // The sender got the plan's answer; the record says whose app was too slow.
                recorded.upstream = UpstreamResponse(url: "via the shared store", status: nil, durationMilliseconds: finishedAt.milliseconds(until: .now()),
                                                     error: "no answer from \(by)'s forward in time (--forward-timeout)", timedOut: true,
                                                     route: "remote", forwardedBy: by)
            } else if case .forwarderQuit(let by) = result {
                // No timeout passed: the record says none did, and why no answer came.
                recorded.upstream = UpstreamResponse(url: "via the shared store", status: nil, durationMilliseconds: finishedAt.milliseconds(until: .now()),
                                                     error: RemoteForwardResult.quitMidForward(by: by), route: "remote", forwardedBy: by)
            } else if case .unclaimed(let why) = result, heldReason != nil || why != .claimTimeout {
                // The source says it was held, or `unclaimed`; this says the tunnel's part.
                // The plain claim timeout needs no more words than the source (issue #16).
                recorded.upstream = UpstreamResponse(url: "via the shared store", status: nil, durationMilliseconds: finishedAt.milliseconds(until: .now()),
                                                     error: why.explanation, route: "remote")
            } else if heldReason != nil {
                recorded.upstream = UpstreamResponse(url: "via the shared store", status: nil, durationMilliseconds: finishedAt.milliseconds(until: .now()),
                                                     error: "no answer from a forwarder in time (--forward-timeout)", timedOut: true, route: "remote")
            }
            execute(answer, for: recorded, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        }
    }
}

import NIOCore

/// First in every connection's pipeline: when the server is stopping, gives an answer in
/// flight a grace period, then closes the connection, so a hanging or long-delayed answer
/// cannot hold the shutdown forever.
final class QuiesceDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    static let grace: TimeAmount = .seconds(3)

    /// Sent down the pipeline just before the close, so the answer in flight is recorded
    /// as closed by hookscope (`shutdown`), not as the sender's hang-up.
    struct GraceOver {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            let channel = context.channel
            context.eventLoop.scheduleTask(in: Self.grace) {
                channel.pipeline.fireUserInboundEventTriggered(GraceOver())
                channel.close(promise: nil)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }
}

import NIOCore

/// On the listening socket: closes connections accepted beyond the limit at once, so a
/// flood of connections costs file descriptors only briefly and never crashes the server.
final class ConnectionLimiter: ChannelInboundHandler {
    typealias InboundIn = Channel
    typealias InboundOut = Channel

    let limit: Int
    private var open = 0
    /// Connections turned away since start.
    private(set) var refused = 0

    init(limit: Int) {
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let child = unwrapInboundIn(data)
        guard open < limit else {
            refused += 1
            child.close(promise: nil)
            return
        }
        open += 1
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        child.closeFuture.whenComplete { _ in
            loop.execute { bound.value.open -= 1 }
        }
        context.fireChannelRead(data)
    }
}

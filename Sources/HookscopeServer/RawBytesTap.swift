import NIOCore

/// First in a connection's pipeline, before the HTTP decoder: keeps a reference to the
/// most recent bytes read (no copy), so a request the parser rejects can still be shown
/// as the bytes that were sent. Also where an answer whose flush waits for the end of the
/// loop's tick (CaptureHandler+Flush.swift) is flushed sooner, when the connection is about
/// to close. (The sender's end of stream no longer closes the channel outside the
/// pipeline: the server allows half-closure, CaptureHandler+HalfClose.swift.)
final class RawBytesTap: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The last buffer read from the socket.
    private(set) var lastRead: ByteBuffer?
    /// Told when bytes arrive, to start the header deadline. Same event loop; weak
    /// because the capture handler owns this tap.
    weak var capture: CaptureHandler?
    private var captureContext: ChannelHandlerContext?
    private var ownContext: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        ownContext = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        ownContext = nil
    }

    /// Writes bytes straight to the socket, below the HTTP encoder: for answering when
    /// the HTTP layer never saw a request (a head that never completed).
    func writeRaw(_ text: String) -> EventLoopFuture<Void>? {
        guard let ownContext else { return nil }
        var buffer = ownContext.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        return ownContext.writeAndFlush(NIOAny(buffer))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        lastRead = buffer
        if let capture, let captureContext { capture.bytesArrived(context: captureContext) }
        context.fireChannelRead(data)
    }

    /// Any close through the pipeline (the protocol error handler's, shutdown's, a reset
    /// answer's) first flushes an answer waiting for the end of the tick.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        flushPendingAnswer(context: context)
        context.close(mode: mode, promise: promise)
    }

    /// The writes are already encoded and below the HTTP handlers: a flush from here
    /// reaches them.
    private func flushPendingAnswer(context: ChannelHandlerContext) {
        guard let capture, capture.flushPending else { return }
        capture.flushPending = false
        context.flush()
    }

    /// Connects the tap to the capture handler once both are in the pipeline; nil
    /// disconnects it (breaking the reference cycle through the context).
    func attach(_ capture: CaptureHandler?, context: ChannelHandlerContext?) {
        self.capture = capture
        captureContext = context
    }
}

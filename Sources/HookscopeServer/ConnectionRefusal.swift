import NIOCore

/// The whole pipeline of a connection over `--max-connections`: reads the request head
/// (at most `headLimit` bytes, for at most `readTimeout`), answers `503` with
/// `Retry-After: 1` and closes. Closing right after the answer would reset the connection
/// while the sender's request is still unread, and the sender might never see the answer;
/// so the output side is shut first and the rest read and dropped until the sender closes
/// or the time is up. Nothing is stored: the request was never taken in.
final class ConnectionRefusal: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let readTimeout: TimeAmount = .seconds(1)
    static let headLimit = 16 * 1024

    let limit: Int
    private var seen: [UInt8] = []
    private var answered = false
    /// The sender ended its side (half-closure is allowed: `CaptureServer`).
    private var inputClosed = false
    private var timer: Scheduled<Void>?

    init(limit: Int) {
        self.limit = limit
    }

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: Self.readTimeout) { channel.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        let buffer = unwrapInboundIn(data)
        seen.append(contentsOf: buffer.readableBytesView.prefix(Self.headLimit - seen.count))
        let headEnded = seen.count >= 4 && (0...(seen.count - 4)).contains { seen[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10]) }
        guard headEnded || seen.count >= Self.headLimit else { return }
        answered = true
        seen = []
        let text = "hookscope is at its limit of \(limit) connections (--max-connections); retry in a second\n"
        let answer = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(text.utf8.count)\r\n\r\n\(text)"
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer))).assumeIsolated().whenComplete { _ in
            channel.close(mode: self.inputClosed ? .all : .output, promise: nil)
        }
    }

    /// The sender ended its side: nothing more to read and drop. Closed now if the answer
    /// is out (or will not be given), else once it is written.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            inputClosed = true
            if !answered { context.close(promise: nil) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

import HookscopeCore
import NIOCore
import NIOHTTP1

extension CaptureHandler {
    /// Bytes arrived while waiting for a request: the header deadline starts now.
    func bytesArrived(context: ChannelHandlerContext) {
        if readDeadline.phase == .idle { readDeadline.enter(.head) }
    }

    /// What the read deadline of `phase` ran out on decides the answer: nothing (idle),
    /// a raw 408 (a head that never completed), or a 408 with the partial body stored.
    func deadlinePassed(in phase: ReadDeadline.Phase, context: ChannelHandlerContext) {
        let timeouts = shared.timeouts
        switch phase {
        case .idle, .answering:
            context.close(promise: nil)
        case .head:
            var exchange = Self.exchange(fromRawBytes: tap.lastRead, remote: remote)
            exchange.rejection = "request head not complete within \(timeouts.headerMilliseconds) ms (--header-timeout); a slow or stalled sender"
            let stored = shared.storeNew(exchange)
            readDeadline.enter(.answering)
            // The HTTP layer never saw a request, so the answer goes out as raw bytes.
            let text = "request timed out\n"
            let answer = PlannedAnswer(status: 408, headers: [HeaderField("Connection", "close"), HeaderField("Content-Length", String(text.utf8.count))], body: Array(text.utf8), source: .error)
            record(stored, answer: answer, sentStatus: 408, finishedAt: .now())
            let channel = context.channel
            let written = tap.writeRaw("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: \(text.utf8.count)\r\n\r\n\(text)")
            if let written { written.whenComplete { _ in channel.close(promise: nil) } } else { channel.close(promise: nil) }
        case .body:
            guard case .receiving(let request) = state else { return context.close(promise: nil) }
            var exchange = request.makeExchange(truncated: true)
            let declared = request.declaredLength.map { " of \($0)" } ?? ""
            exchange.rejection = "no body bytes for \(timeouts.bodyMilliseconds) ms (--body-timeout) after \(request.bodySize)\(declared) bytes"
            state = .idle
            refuseAfterTimeout(exchange, context: context)
        }
    }

    /// Stores the partial request and answers 408; the answer closes the connection.
    private func refuseAfterTimeout(_ exchange: Exchange, context: ChannelHandlerContext) {
        let stored = shared.storeNew(exchange)
        let answer = PlannedAnswer(status: 408, headers: [HeaderField("Content-Type", "text/plain; charset=utf-8")], body: Array("request timed out\n".utf8), source: .error)
        readDeadline.enter(.answering)
        execute(answer, for: stored, finishedAt: .now(), keepAlive: false, context: context)
    }
}

import HookscopeCore
import NIOCore
import NIOHTTP1

extension CaptureHandler {
    /// Moves the connection into a new waiting phase and makes sure a timer is running.
    func enterReadPhase(_ phase: ReadDeadline.Phase, context: ChannelHandlerContext) {
        readDeadline.enter(phase, timeouts: self.context.timeouts)
        guard phase != .answering else { return }
        if readDeadline.timer != nil, readDeadline.deadline < readDeadline.timerDeadline {
            readDeadline.timer?.cancel()
            readDeadline.timer = nil
            readDeadline.timerDeadline = .distantFuture
        }
        if readDeadline.timer == nil { armDeadlineTimer(context: context) }
    }

    /// Bytes arrived while waiting for a request: the header deadline starts now.
    func bytesArrived(context: ChannelHandlerContext) {
        if readDeadline.phase == .idle { enterReadPhase(.head, context: context) }
    }

    private func armDeadlineTimer(context: ChannelHandlerContext) {
        let deadline = readDeadline.deadline
        guard deadline != .distantFuture else { return }
        readDeadline.timerDeadline = deadline
        readDeadline.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            // A timer replaced by an earlier one may still run once: only the current one acts.
            guard self.readDeadline.timerDeadline == deadline else { return }
            self.readDeadline.timer = nil
            self.readDeadline.timerDeadline = .distantFuture
            guard self.isActive else { return }
            if self.readDeadline.hasExpired {
                self.deadlinePassed(context: context)
            } else if self.readDeadline.phase != .answering {
                self.armDeadlineTimer(context: context)
            }
        }
    }

    private func deadlinePassed(context: ChannelHandlerContext) {
        let timeouts = self.context.timeouts
        switch readDeadline.phase {
        case .idle, .answering:
            context.close(promise: nil)
        case .head:
            var exchange = Self.exchange(fromRawBytes: tap.lastRead, remote: remote)
            exchange.rejection = "request head not complete within \(timeouts.headerMilliseconds) ms (--header-timeout); a slow or stalled sender"
            let stored = self.context.capture(exchange)
            readDeadline.enter(.answering, timeouts: timeouts)
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
        let stored = self.context.capture(exchange)
        let answer = PlannedAnswer(status: 408, headers: [HeaderField("Content-Type", "text/plain; charset=utf-8")], body: Array("request timed out\n".utf8), source: .error)
        readDeadline.enter(.answering, timeouts: self.context.timeouts)
        execute(answer, for: stored, finishedAt: .now(), keepAlive: false, context: context)
    }
}

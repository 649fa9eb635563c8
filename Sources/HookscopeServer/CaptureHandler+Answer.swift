import HookscopeCore
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// An answer chosen for an exchange whose bytes have not all gone out yet.
struct AnswerInFlight {
    let exchange: Exchange
    /// What is recorded if the connection closes first: the sender's hang-up, or hookscope's
    /// own close when shutdown's grace runs out (`shutdown`).
    var answer: PlannedAnswer
    let finishedAt: MonotonicInstant
    /// A trickled answer's head, already sent: the hang-up is recorded with its status.
    var sentHead: HTTPResponseHead?
    /// How many of a trickled body's bytes went out before the hang-up.
    var sentBodyBytes = 0
}

extension CaptureHandler {
    /// Carries out a planned answer: now, later, never, or by closing the connection.
    func execute(_ planned: PlannedAnswer, for stored: Exchange, finishedAt: MonotonicInstant, keepAlive: Bool, context: ChannelHandlerContext) {
        let answer = Self.sendable(planned)
        switch answer.delivery {
        case .now:
            send(answer, for: stored, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        case .delayed(let ms):
            answerInFlight = AnswerInFlight(exchange: stored, answer: Self.senderLeft(answer), finishedAt: finishedAt)
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(ms))) {
                guard self.isActive, self.answerInFlight != nil else { return }
                self.answerInFlight = nil
                self.send(answer, for: stored, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
            }
        case .hang:
            // Completed when the sender gives up (channelInactive), with how long it waited.
            answerInFlight = AnswerInFlight(exchange: stored, answer: Self.senderLeft(answer), finishedAt: finishedAt)
        case .close:
            record(stored, answer: answer, sentStatus: nil, finishedAt: finishedAt)
            context.close(promise: nil)
        case .reset:
            record(stored, answer: answer, sentStatus: nil, finishedAt: finishedAt)
            // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            let channel = context.channel
            if let options = channel as? SocketOptionProvider {
                options.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
            } else {
                context.close(promise: nil)
            }
        case .trickle(let bytes, let ms):
            // Recorded once, when it ends: whole before the last write, or as `disconnected`
            // with what went out when the sender hangs up (was: once at the head and again
            // at the hang-up, two save lines for one delivery).
            let head = responseHead(answer, for: stored, keepAlive: keepAlive)
            let body = bodyOnTheWire(answer, for: stored)
            context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
            answerInFlight = AnswerInFlight(exchange: stored, answer: Self.senderLeft(answer), finishedAt: finishedAt, sentHead: head)
            trickle(body[...], whole: body, answer: answer, bytes: bytes, intervalMilliseconds: ms, keepAlive: keepAlive, context: context)
        }
    }

    /// A delayed or hanging answer the sender did not wait for is recorded as `disconnected`,
    /// as a held (intercepted) or forwarded one is: the plan's answer never reached anyone.
    static func senderLeft(_ answer: PlannedAnswer) -> PlannedAnswer {
        var left = answer
        left.source = .disconnected
        return left
    }

    /// The parsers refuse statuses that cannot be sent; an app behind `--forward` is not
    /// parsed, so a 1xx it gives as its final answer becomes a 502 that says so instead of
    /// reaching NIO's pipeline, which traps on a 1xx head followed by an end.
    static func sendable(_ answer: PlannedAnswer) -> PlannedAnswer {
        guard answer.delivery != .hang, answer.delivery != .close, answer.delivery != .reset,
              let problem = AnswerStatus.problem(with: answer.status) else { return answer }
        let text = "hookscope: cannot send this answer: \(problem)\n"
        return PlannedAnswer(
            status: 502, headers: [HeaderField("Content-Type", "text/plain; charset=utf-8")],
            body: Array(text.utf8), source: .error, delivery: answer.delivery
        )
    }

    private func trickle(
        _ rest: ArraySlice<UInt8>, whole body: [UInt8], answer: PlannedAnswer, bytes: Int, intervalMilliseconds ms: Int, keepAlive: Bool,
        context: ChannelHandlerContext
    ) {
        guard isActive, let inFlight = answerInFlight else { return }
        let chunk = rest.prefix(bytes)
        let remaining = rest.dropFirst(bytes)
        if remaining.isEmpty {
            // The last piece: recorded whole before it is written, as `send` does (a sender
            // that has all the bytes may hang up at once: it got the whole answer).
            answerInFlight = nil
            record(inFlight.exchange, answer: answer, sentStatus: answer.status, headers: inFlight.sentHead?.headers ?? [:], body: body, finishedAt: inFlight.finishedAt)
        }
        if !chunk.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: chunk.count)
            buffer.writeBytes(chunk)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        guard !remaining.isEmpty else {
            finishResponse(keepAlive: keepAlive, context: context)
            return
        }
        answerInFlight?.sentBodyBytes += chunk.count
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(ms))) {
            self.trickle(remaining, whole: body, answer: answer, bytes: bytes, intervalMilliseconds: ms, keepAlive: keepAlive, context: context)
        }
    }

    /// Records the answer, then writes it: the save file has the line before the sender
    /// has the answer, so nothing answered is ever missing from it.
    func send(_ answer: PlannedAnswer, for stored: Exchange, finishedAt: MonotonicInstant, keepAlive: Bool, context: ChannelHandlerContext) {
        let head = responseHead(answer, for: stored, keepAlive: keepAlive)
        let body = bodyOnTheWire(answer, for: stored)
        record(stored, answer: answer, sentStatus: answer.status, headers: head.headers, body: body, finishedAt: finishedAt)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: body.count)
            buffer.writeBytes(body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        finishResponse(keepAlive: keepAlive, context: context)
    }

    private func finishResponse(keepAlive: Bool, context: ChannelHandlerContext) {
        answering = false
        if keepAlive, flushesAtEndOfTick {
            // With the other answers of this tick (CaptureHandler+Flush.swift).
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            readDeadline.enter(.idle)
            flushAtEndOfTick(context: context)
            return
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if keepAlive { readDeadline.enter(.idle) }
        if !keepAlive, case .idle = state {
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// The body bytes that go out: none for HEAD, 1xx, 204 and 304 (RFC 9110 §6.4.1) nor
    /// 205 (§15.3.6), so a pipelined next request is never read out of a stray body.
    private func bodyOnTheWire(_ answer: PlannedAnswer, for stored: Exchange) -> [UInt8] {
        AnswerStatus.carriesBody(status: answer.status, requestMethod: stored.method) ? answer.body : []
    }

    private func responseHead(_ answer: PlannedAnswer, for stored: Exchange, keepAlive: Bool) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        for field in answer.headers { headers.add(name: field.name, value: field.value) }
        if AnswerStatus.hasNoBodyByDefinition(answer.status) {
            // RFC 9110 §8.6: no Content-Length on a 204 (nor on 1xx and 304).
            headers.remove(name: "Content-Length")
            headers.remove(name: "Transfer-Encoding")
        } else if !AnswerStatus.allowsBody(answer.status) {
            // A 205 (even one relayed from an app) goes out empty, and says so.
            headers.remove(name: "Transfer-Encoding")
            headers.replaceOrAdd(name: "Content-Length", value: "0")
        } else if !(stored.method == "HEAD" && answer.source == .forward && headers.contains(name: "Content-Length")) {
            // A HEAD answer relayed from the app keeps the app's Content-Length: it describes
            // the body a GET would get, not the empty one a HEAD gets.
            headers.replaceOrAdd(name: "Content-Length", value: String(answer.body.count))
        }
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let version: HTTPVersion = stored.httpVersion == "HTTP/1.0" ? .http1_0 : .http1_1
        return HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: answer.status), headers: headers)
    }

    /// Completes the stored exchange with what the sender got (`sentStatus` nil: nothing)
    /// and tells the observers (save file, output).
    func record(_ stored: Exchange, answer: PlannedAnswer, sentStatus: Int?, headers: HTTPHeaders = [:], body: [UInt8]? = nil, finishedAt: MonotonicInstant) {
        var completed = stored
        if shared.forwarder != nil, completed.upstream == nil {
            // An upstream called alongside a chosen answer may have come back first.
            completed.upstream = shared.store.exchange(id: stored.id)?.upstream
        }
        completed.response = ExchangeResponse(
            status: sentStatus,
            headers: headers.map { HeaderField($0.name, $0.value) },
            body: sentStatus == nil ? [] : body ?? answer.body,
            source: answer.source,
            durationMilliseconds: finishedAt.milliseconds(until: .now())
        )
        shared.store.update(completed)
        shared.onComplete(completed)
    }
}

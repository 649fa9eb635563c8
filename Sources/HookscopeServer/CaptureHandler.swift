import HookscopeCore
import NIOCore
import NIOHTTP1

/// One per connection: turns HTTP request parts into stored exchanges and writes the
/// planned answers. Requests arrive one at a time (the pipelining handler in front of it
/// holds back the next request until this one is answered).
final class CaptureHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    enum State {
        case idle
        case receiving(PendingRequest)
        /// The body went over the limit and 413 was sent: discard the rest, then close.
        case draining(discarded: Int)
    }

    /// What all connections share (store, plan, limits); `context` is always NIO's.
    let shared: CaptureShared
    /// The raw bytes before the parser, for showing requests it rejects.
    let tap: RawBytesTap
    var state = State.idle
    var remote = ""
    /// An answer that has been chosen but not fully sent (delayed, hanging, trickling):
    /// if the connection ends first, the exchange is completed with no status.
    var answerInFlight: AnswerInFlight?
    var isActive = true
    let readDeadline: ReadDeadline
    /// Keep-alive answers are flushed at the end of the loop's tick (`flushAtEndOfTick`);
    /// false under TLS, where each is flushed at once.
    let flushesAtEndOfTick: Bool
    /// An answer is written and its flush waits for the end of the tick; the tap flushes it
    /// sooner when the connection is about to close.
    var flushPending = false
    /// From a whole request's arrival until its answer's end is written (or never, for a
    /// hanging answer): whether the sender's end of stream finds an answer still to come.
    var answering = false

    /// How much of an oversized body is read and thrown away before the connection is
    /// closed: enough for the sender to read the 413 instead of a reset, bounded.
    private var drainLimit: Int { max(shared.maxBodyBytes, 16 * 1024 * 1024) }

    init(shared: CaptureShared, tap: RawBytesTap, flushesAtEndOfTick: Bool = true) {
        self.shared = shared
        self.tap = tap
        self.flushesAtEndOfTick = flushesAtEndOfTick
        self.readDeadline = ReadDeadline(timeouts: shared.timeouts)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        tap.attach(self, context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        tap.attach(nil, context: nil)
        readDeadline.stop()
    }

    func channelActive(context: ChannelHandlerContext) {
        remote = Self.describe(context.channel.remoteAddress)
        readDeadline.start(on: context.eventLoop) { phase in
            guard self.isActive else { return }
            self.deadlinePassed(in: phase, context: context)
        }
        readDeadline.enter(.idle)
        context.fireChannelActive()
    }

    /// Shutdown's grace ran out (`QuiesceDeadline`): the close that follows is hookscope's.
    /// The sender ended its side: answered, then closed (`CaptureHandler+HalfClose.swift`).
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is QuiesceDeadline.GraceOver { answerInFlight?.answer.source = .shutdown }
        if case ChannelEvent.inputClosed = event {
            senderFinishedSending(context: context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        isActive = false
        readDeadline.stop()
        tap.attach(nil, context: nil)
        if let inFlight = answerInFlight {
            answerInFlight = nil
            forgetHeld(inFlight.exchange)
            // A trickled answer's head (and some of its body) had gone out; others, nothing.
            record(
                inFlight.exchange, answer: inFlight.answer, sentStatus: inFlight.sentHead.map { Int($0.status.code) },
                headers: inFlight.sentHead?.headers ?? [:], body: Array(inFlight.answer.body.prefix(inFlight.sentBodyBytes)),
                finishedAt: inFlight.finishedAt
            )
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            receiveHead(head, context: context)
        case .body(let buffer):
            receiveBody(buffer, context: context)
        case .end:
            receiveEnd(context: context)
        }
    }

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        readDeadline.enter(.body)
        var request = PendingRequest(head: head, remote: remote)
        if head.uri.utf8.count > shared.maxURIBytes {
            rejectLongURI(request, context: context)
            return
        }
        let limit = shared.maxBodyBytes
        if let declared = request.declaredLength, declared <= limit {
            request.body.reserveCapacity(declared)
        }
        if head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
            if let declared = request.declaredLength, declared > limit {
                // Refuse before the sender uploads anything it would only have to discard.
                request.bodySize = declared
                rejectOversized(request, bodyFollows: false, context: context)
                return
            }
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
        }
        state = .receiving(request)
    }

    private func receiveBody(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        switch state {
        case .receiving(var request):
            state = .idle // drop our reference so appending does not copy the body
            let limit = shared.maxBodyBytes
            request.bodySize += buffer.readableBytes
            readDeadline.enter(.body)
            let room = limit - request.body.count
            if buffer.readableBytes <= room {
                request.body.append(contentsOf: buffer.readableBytesView)
                state = .receiving(request)
            } else {
                request.body.append(contentsOf: buffer.readableBytesView.prefix(room))
                if let declared = request.declaredLength { request.bodySize = max(request.bodySize, declared) }
                rejectOversized(request, bodyFollows: true, context: context)
            }
        case .draining(let discarded):
            let total = discarded + buffer.readableBytes
            state = .draining(discarded: total)
            if total > drainLimit { context.close(promise: nil) }
        case .idle:
            break
        }
    }

    private func receiveEnd(context: ChannelHandlerContext) {
        switch state {
        case .receiving(let request):
            state = .idle
            readDeadline.enter(.answering)
            complete(request, context: context)
        case .draining:
            state = .idle
            context.close(promise: nil)
        case .idle:
            break
        }
    }

    /// The whole request is here: analyse, store, plan and answer it.
    private func complete(_ request: PendingRequest, context: ChannelHandlerContext) {
        let finishedAt = MonotonicInstant.now()
        answering = true
        let stored = shared.storeNew(request.makeExchange(truncated: false))
        let keepAlive = request.head.isKeepAlive
        if request.head.method == .CONNECT {
            // hookscope is an endpoint, not a proxy: say so instead of opening a tunnel.
            let text = "hookscope is a webhook endpoint, not a proxy: CONNECT is not supported\n"
            let answer = PlannedAnswer(status: 405, headers: [HeaderField("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"), HeaderField("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8), source: .error)
            execute(answer, for: stored, finishedAt: finishedAt, keepAlive: false, context: context)
            return
        }
        switch admit(stored, finishedAt: finishedAt, keepAlive: keepAlive, interceptor: shared.interceptor, context: context) {
        case .hold:
            break   // Held: answered when decided, timed out or hung up.
        case .unattended:
            answerAsPlanned(stored, finishedAt: finishedAt, keepAlive: keepAlive, heldReason: .unattended, context: context)
        case .answer:
            answerAsPlanned(stored, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
        }
    }

    /// Answers as the plan says, or, where the plan only has its default, as the forward
    /// target does (the local `--forward`, else a forwarder attached to the store).
    /// `heldReason` says why intercept did not decide a request it would hold: `timeout`
    /// (the decision never came) or `unattended` (nobody watched); it becomes the source
    /// when the plan's answer goes out, not when an app's does.
    func answerAsPlanned(_ stored: Exchange, finishedAt: MonotonicInstant, keepAlive: Bool, heldReason: ExchangeResponse.Source? = nil, context: ChannelHandlerContext) {
        var answer = shared.plan.answer(for: stored)
        // No route matching: the plan answers, as without --forward.
        if let forwarder = shared.forwarder, let route = forwarder.route(for: stored) {
            // Forwarding takes the place of the default answer; a rule or sequence still wins.
            if answer.source == .default {
                forward(stored, with: forwarder, along: route, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
                return
            }
            if forwarder.configuration.alwaysCallUpstream { callUpstreamAlongside(stored, with: forwarder, along: route, context: context) }
        } else if answer.source == .default, let remote = shared.remoteForward,
                  offer(stored, to: remote, heldReason: heldReason, finishedAt: finishedAt, keepAlive: keepAlive, context: context) {
            // Offered to the store's forwarders: their app answers, or the plan at the
            // deadline. A held request whose decision never came too, as a local --forward
            // gets it (review M2): the README promises the app's answer then.
            return
        }
        if let heldReason { answer.source = heldReason }
        execute(answer, for: stored, finishedAt: finishedAt, keepAlive: keepAlive, context: context)
    }

    /// Stores the exchange with the bytes up to the limit and answers 413; the rest of the
    /// body (if the sender is sending it) is drained and the connection closed, since
    /// reading on would mean trusting framing we no longer follow.
    private func rejectOversized(_ request: PendingRequest, bodyFollows: Bool, context: ChannelHandlerContext) {
        let finishedAt = MonotonicInstant.now()
        let stored = shared.storeNew(request.makeExchange(truncated: true))
        let text = "request body exceeds the \(shared.maxBodyBytes)-byte limit (--max-body); capture #\(stored.id) keeps the first \(stored.body.count) bytes\n"
        let answer = PlannedAnswer(
            status: 413, headers: [HeaderField("Content-Type", "text/plain; charset=utf-8")],
            body: Array(text.utf8), source: .error
        )
        state = bodyFollows ? .draining(discarded: 0) : .idle
        execute(answer, for: stored, finishedAt: finishedAt, keepAlive: false, context: context)
    }

    static func describe(_ address: SocketAddress?) -> String {
        guard let address else { return "" }
        switch address {
        case .v4:
            return "\(address.ipAddress ?? ""):\(address.port ?? 0)"
        case .v6:
            return "[\(address.ipAddress ?? "")]:\(address.port ?? 0)"
        case .unixDomainSocket:
            return "unix"
        }
    }
}

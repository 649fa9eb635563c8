import HookscopeCore
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The embedded HTTP endpoint: records every request into the store and answers it.
public final class CaptureServer: Sendable {
    public let configuration: CaptureServerConfiguration
    public let store: CaptureStore
    public let plan: ResponsePlanHolder
    public let interceptor: InterceptController
    /// Sends captures on to the user's app (`--forward`); nil when not forwarding. The
    /// server shuts it down with itself.
    public let forwarder: Forwarder?
    private let analyzer: ExchangeAnalyzer
    private let onComplete: ExchangeCompletionHandler
    private let onCapture: ExchangeCompletionHandler
    let group: MultiThreadedEventLoopGroup
    /// Released before the event loops stop: its deinit touches an event loop.
    private let quiesce: Mutex<ServerQuiescingHelper?>
    private let channel: Channel
    private let limiter: ConnectionLimiter
    /// What the connections share; relayed deliveries (`recordRelayed`) go the same way.
    let shared: CaptureShared

    /// Connections turned away since start for being over `--max-connections`.
    public var refusedConnections: Int { limiter.refused }

    /// The address actually bound (the real port when 0 was asked for).
    public let boundHost: String
    public let boundPort: Int

    public var url: String {
        let host = boundHost.contains(":") ? "[\(boundHost)]" : boundHost
        return "\(configuration.tls == nil ? "http" : "https")://\(host):\(boundPort)"
    }

    /// Binds and starts serving; throws `CaptureServerError` when it cannot bind.
    public init(
        configuration: CaptureServerConfiguration,
        store: CaptureStore,
        plan: ResponsePlanHolder = ResponsePlanHolder(),
        interceptor: InterceptController = InterceptController(),
        forwarder: Forwarder? = nil,
        analyzer: @escaping ExchangeAnalyzer = { _ in .none },
        retries: RetryGrouper = RetryGrouper(),
        onComplete: @escaping ExchangeCompletionHandler = { _ in },
        onCapture: @escaping ExchangeCompletionHandler = { _ in },
        remoteForward: (any RemoteForwarding)? = nil,
        eventLoopGroup: MultiThreadedEventLoopGroup? = nil
    ) async throws {
        self.configuration = configuration
        self.store = store
        self.plan = plan
        self.interceptor = interceptor
        self.forwarder = forwarder
        self.analyzer = analyzer
        self.onComplete = onComplete
        self.onCapture = onCapture
        // A group given by the caller (shared with the forwarder's client, so a forward
        // stays on the connection's loop) is the server's from here on, like the forwarder.
        let group = eventLoopGroup ?? MultiThreadedEventLoopGroup(numberOfThreads: configuration.threads)
        self.group = group
        let shared = CaptureShared(
            store: store, plan: plan, interceptor: interceptor, forwarder: forwarder, analyzer: analyzer, retries: retries, onComplete: onComplete, onCapture: onCapture,
            maxBodyBytes: configuration.maxBodyBytes, maxURIBytes: configuration.maxURIBytes, timeouts: configuration.timeouts,
            remoteForward: remoteForward
        )
        self.shared = shared
        let limiter = ConnectionLimiter(limit: configuration.maxConnections)
        self.limiter = limiter
        let bound: (Channel, ServerQuiescingHelper)
        do {
            bound = try await Self.bind(configuration, group: group, shared: shared, limiter: limiter)
        } catch {
            // Everything that refers to the loops is gone by now (the forwarder's client may
            // use them: it goes first), so they can stop.
            await forwarder?.shutdown()
            try? await group.shutdownGracefully()
            throw CaptureServerError.cannotBind(host: configuration.host, port: configuration.port, underlying: error)
        }
        channel = bound.0
        quiesce = Mutex(bound.1)
        boundHost = channel.localAddress?.ipAddress ?? configuration.host
        boundPort = channel.localAddress?.port ?? configuration.port
    }

    private static func bind(
        _ configuration: CaptureServerConfiguration,
        group: MultiThreadedEventLoopGroup,
        shared: CaptureShared,
        limiter: ConnectionLimiter
    ) async throws -> (Channel, ServerQuiescingHelper) {
        let quiesce = ServerQuiescingHelper(group: group)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 1024)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let admission = limiter.admit()
                    channel.closeFuture.whenComplete { _ in limiter.finished(admission) }
                    switch admission {
                    case .serve:
                        try addConnectionHandlers(to: channel, tls: configuration.tls, shared: shared)
                    case .answer503:
                        if let tls = configuration.tls {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls.context))
                        }
                        try channel.pipeline.syncOperations.addHandler(ConnectionRefusal(limit: limiter.limit))
                    case .close:
                        // After the bootstrap has registered it (queued behind that).
                        channel.eventLoop.execute { channel.close(promise: nil) }
                    }
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            // A sender's end of stream is an event (`ChannelEvent.inputClosed`), not NIO's
            // close: what it sent is answered first (CaptureHandler+HalfClose.swift).
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
        let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        return (channel, quiesce)
    }

    /// One connection's pipeline, in order: TLS (so everything after it sees the decrypted
    /// bytes), the shutdown grace, the raw-bytes tap, NIO's HTTP server handlers, and the
    /// capture handler. The tests build the same pipeline on an embedded channel.
    static func addConnectionHandlers(to channel: Channel, tls: ListenerTLS?, shared: CaptureShared) throws {
        let tap = RawBytesTap()
        if let tls {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls.context))
        }
        try channel.pipeline.syncOperations.addHandler(QuiesceDeadline())
        try channel.pipeline.syncOperations.addHandler(tap)
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(
            withPipeliningAssistance: true, withErrorHandling: true
        )
        try channel.pipeline.syncOperations.addHandler(CaptureHandler(shared: shared, tap: tap, flushesAtEndOfTick: tls == nil))
    }

    /// The first half of `shutdown`: stops accepting, answers held requests and lets the
    /// exchanges in flight finish their answers, with their connections still open. A
    /// tunnel carries every sender's connection, so it is stopped only after this.
    public func drain() async {
        // Held requests are answered now, while their connections are still open.
        interceptor.releaseAll()
        await quiesceConnections()
    }

    /// Drains (if not done yet), then ends the forwarder and the event loops.
    public func shutdown() async {
        await drain()
        // The forwarder's calls report back to these loops: end them while the loops run.
        await forwarder?.shutdown()
        try? await group.shutdownGracefully()
    }

    /// Closes the listening socket and waits for open connections to finish their answers.
    /// The helper is released here, before the loops stop, because its deinit uses one.
    private func quiesceConnections() async {
        let helper = quiesce.withLock { helper in
            defer { helper = nil }
            return helper
        }
        guard let helper else { return }
        let done = group.next().makePromise(of: Void.self)
        helper.initiateShutdown(promise: done)
        try? await done.futureResult.get()
        // The helper reports done before the listening socket has finished closing when no
        // connection is open; wait for it so no callback outlives the loops.
        try? await channel.closeFuture.get()
    }
}

public enum CaptureServerError: Error, CustomStringConvertible {
    case cannotBind(host: String, port: Int, underlying: Error)

    public var description: String {
        switch self {
        case let .cannotBind(host, port, underlying):
            let reason: String
            if let io = underlying as? IOError {
                reason = io.errnoCode == EADDRINUSE ? "address already in use"
                    : io.errnoCode == EACCES ? "permission denied"
                    : io.errnoCode == EADDRNOTAVAIL ? "address not available on this machine"
                    : "\(io)"
            } else {
                reason = "\(underlying)"
            }
            return "cannot listen on \(host):\(port): \(reason)"
        }
    }
}

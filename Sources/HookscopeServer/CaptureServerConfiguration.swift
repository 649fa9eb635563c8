import HookscopeCore

/// Everything the capture server needs to know; built by the command line.
public struct CaptureServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// Body bytes kept per request; larger bodies get 413 and are stored truncated.
    public var maxBodyBytes: Int
    /// Event loop threads.
    public var threads: Int
    /// Read deadlines for each connection.
    public var timeouts: ConnectionTimeouts
    /// Connections open at once; more are answered 503 with Retry-After (a few at a time)
    /// or closed, and counted.
    public var maxConnections: Int
    /// Longest request target (path and query) accepted; longer ones get 414.
    public var maxURIBytes: Int
    /// HTTPS with this certificate and key; nil serves plain HTTP.
    public var tls: ListenerTLS?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 10 * 1024 * 1024, threads: Int = 1,
        timeouts: ConnectionTimeouts = ConnectionTimeouts(), maxConnections: Int = 1024, maxURIBytes: Int = 16 * 1024,
        tls: ListenerTLS? = nil
    ) {
        self.tls = tls
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.threads = max(1, threads)
        self.timeouts = timeouts
        self.maxConnections = max(1, maxConnections)
        self.maxURIBytes = max(16, maxURIBytes)
    }
}

/// How long a connection may take over each part of a request before it is closed.
public struct ConnectionTimeouts: Sendable, Equatable {
    /// Waiting for a new request on a kept-alive connection.
    public var idleMilliseconds: Int
    /// From a request's first byte to the end of its head (slowloris).
    public var headerMilliseconds: Int
    /// Between two pieces of a request's body.
    public var bodyMilliseconds: Int

    public init(idleMilliseconds: Int = 60_000, headerMilliseconds: Int = 10_000, bodyMilliseconds: Int = 30_000) {
        self.idleMilliseconds = max(1, idleMilliseconds)
        self.headerMilliseconds = max(1, headerMilliseconds)
        self.bodyMilliseconds = max(1, bodyMilliseconds)
    }
}

/// Finds who sent an exchange and checks its signature; injected so the server stays
/// independent of the provider catalogue.
public typealias ExchangeAnalyzer = @Sendable (Exchange) -> ExchangeAnalysis

/// Told about every exchange once its answer is known (or known never to come).
/// Called on an event loop before the answer is written: keep it short.
public typealias ExchangeCompletionHandler = @Sendable (Exchange) -> Void

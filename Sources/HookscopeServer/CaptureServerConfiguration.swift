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

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 10 * 1024 * 1024, threads: Int = 1) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.threads = max(1, threads)
    }
}

/// Finds who sent an exchange and checks its signature; injected so the server stays
/// independent of the provider catalogue.
public typealias ExchangeAnalyzer = @Sendable (Exchange) -> ExchangeAnalysis

/// Told about every exchange once its answer is known (or known never to come).
/// Called on an event loop before the answer is written: keep it short.
public typealias ExchangeCompletionHandler = @Sendable (Exchange) -> Void

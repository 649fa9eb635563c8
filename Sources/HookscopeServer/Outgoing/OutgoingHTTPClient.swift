import AsyncHTTPClient
import HookscopeCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The outgoing side of hookscope (forward, replay, send), on async-http-client.
///
/// Kept exact where the client allows: method, target, header names (case), values, order
/// and duplicates, and the body bytes. One thing the client always decides itself: the
/// framing header. It removes `Content-Length` / `Transfer-Encoding` and writes its own
/// after the other headers (`Content-Length: <n>`, or `Transfer-Encoding: chunked` when
/// the original was chunked), so that header moves to the end and is spelled canonically.
public final class OutgoingHTTPClient: Sendable {
    let client: HTTPClient
    /// The loops the client's connections run on; the async `send` runs its requests there.
    let eventLoopGroup: any EventLoopGroup
    public let connectTimeout: TimeAmount
    /// Which certificates `https://` URLs are trusted with (`--ca-cert`, `--insecure`).
    public let tls: OutgoingTLS

    /// - Parameter connectTimeout: how long to wait for a connection; a refused connection
    ///   fails at once (no retrying with backoff: a proxy must answer 502 quickly).
    public init(connectTimeout: TimeAmount = .seconds(5), eventLoopGroup: (any EventLoopGroup)? = nil, tls: OutgoingTLS = .systemDefault) {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls.configuration,
            redirectConfiguration: .disallow,
            timeout: .init(connect: connectTimeout),
            // Never decompressed: the app's answer is relayed to the sender byte for byte, with
            // its own Content-Encoding, as a proxy must.
            decompression: .disabled
        )
        self.tls = tls
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .http1Only
        self.connectTimeout = connectTimeout
        let group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.eventLoopGroup = group
        client = HTTPClient(eventLoopGroup: group, configuration: configuration)
    }

    /// Sends the request and reads the whole answer (up to `maxBody` bytes), for callers
    /// without an event loop of their own (replay, send): the same path as the server's
    /// forwards (`send(_:timeout:maxBody:on:)`), on one of the client's loops.
    /// - Throws: `OutgoingFailure`, always.
    public func send(_ request: OutgoingRequest, timeout: TimeAmount, maxBody: Int = 64 * 1024 * 1024) async throws(OutgoingFailure) -> OutgoingResponse {
        do {
            return try await send(request, timeout: timeout, maxBody: maxBody, on: eventLoopGroup.next()).get()
        } catch {
            throw Self.classify(error, timeout: timeout)
        }
    }

    /// The request's headers in order, duplicates and spelling kept.
    static func headers(of request: OutgoingRequest) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for field in request.headers { headers.add(name: field.name, value: field.value) }
        return headers
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    static func classify(_ error: any Error, timeout: TimeAmount) -> OutgoingFailure {
        let ms = Int(timeout.nanoseconds / 1_000_000)
        if let failure = error as? OutgoingFailure { return failure }
        if let client = error as? HTTPClientError {
            let timeouts: [HTTPClientError] = [.deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout]
            if timeouts.contains(client) { return .timedOut(milliseconds: ms) }
            if client == .remoteConnectionClosed { return .invalidResponse("the connection was closed before a complete answer") }
            let text = "\(client)"
            if text.contains("invalidURL") || text.contains("emptyHost") || text.contains("emptyScheme") || text.contains("unsupportedScheme")
                || text.contains("invalidHeaderField") || text.contains("traceRequestWithBody") {
                return .invalidRequest(text)
            }
            return .invalidResponse(text)
        }
        if error is HTTPParserError {
            return .invalidResponse("not HTTP (\(error))")
        }
        // NIO-SSL's descriptions carry BoringSSL's source paths: only their words go on.
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return .tls(TLSErrorText.describe("\(error)"))
        }
        let text = TLSErrorText.withoutSourceLocations("\(error)")
        if text.contains("refused") || text.contains("ECONNREFUSED") || text.contains("errno: 111") {
            return .unreachable("connection refused")
        }
        if error is NIOConnectionError || error is IOError || error is SocketAddressError || error is ChannelError {
            return .unreachable(text)
        }
        return .invalidResponse(text)
    }
}

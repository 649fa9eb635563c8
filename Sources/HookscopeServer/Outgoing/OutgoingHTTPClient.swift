import AsyncHTTPClient
import HookscopeCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// The outgoing side of hookscope (forward, replay, send), on async-http-client.
///
/// Kept exact where the client allows: method, target, header names (case), values, order
/// and duplicates, and the body bytes. One thing the client always decides itself: the
/// framing header. It removes `Content-Length` / `Transfer-Encoding` and writes its own
/// after the other headers (`Content-Length: <n>`, or `Transfer-Encoding: chunked` when
/// the original was chunked), so that header moves to the end and is spelled canonically.
public final class OutgoingHTTPClient: Sendable {
    let client: HTTPClient
    /// Where the async `send` (and `Forwarder.forward`) runs its requests.
    let eventLoopGroup: any EventLoopGroup
    public let connectTimeout: TimeAmount

    /// - Parameter connectTimeout: how long to wait for a connection; a refused connection
    ///   fails at once (no retrying with backoff: a proxy must answer 502 quickly).
    public init(connectTimeout: TimeAmount = .seconds(5), eventLoopGroup: (any EventLoopGroup)? = nil) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: connectTimeout),
            decompression: .disabled
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .http1Only
        self.connectTimeout = connectTimeout
        let group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.eventLoopGroup = group
        client = HTTPClient(eventLoopGroup: group, configuration: configuration)
    }

    /// Sends the request and reads the whole answer (up to `maxBody` bytes).
    /// - Throws: `OutgoingFailure`, always.
    public func send(_ request: OutgoingRequest, timeout: TimeAmount, maxBody: Int = 64 * 1024 * 1024) async throws(OutgoingFailure) -> OutgoingResponse {
        let started = MonotonicInstant.now()
        var prepared = HTTPClientRequest(url: request.url)
        prepared.method = HTTPMethod(rawValue: request.method)
        prepared.headers = Self.headers(of: request)
        if request.isChunked {
            // Unknown length makes the client send it chunked, as the original was.
            let body = request.body
            prepared.body = .stream(AsyncOneChunk(bytes: body), length: .unknown)
        } else if !request.body.isEmpty || request.headers.first(named: "Content-Length") != nil {
            prepared.body = .bytes(ByteBuffer(bytes: request.body))
        }
        do {
            let deadline = NIODeadline.now() + timeout
            let response = try await client.execute(prepared, deadline: deadline)
            let body = try await Self.collect(response.body, upTo: maxBody, deadline: deadline)
            return OutgoingResponse(
                status: Int(response.status.code),
                headers: response.headers.map { HeaderField($0.name, $0.value) },
                body: body,
                durationMilliseconds: started.milliseconds(until: .now())
            )
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

    /// Reads the whole answer body by the deadline. The client's own deadline stops at the
    /// answer's head, so an upstream that sends its body a few bytes at a time would
    /// otherwise hold the request (and the sender) for as long as it likes.
    static func collect(_ body: HTTPClientResponse.Body, upTo maxBody: Int, deadline: NIODeadline) async throws -> [UInt8] {
        try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                var collected = try await body.collect(upTo: maxBody)
                return collected.readBytes(length: collected.readableBytes) ?? []
            }
            group.addTask {
                let left = deadline - .now()
                if left > .zero { try await Task.sleep(nanoseconds: UInt64(left.nanoseconds)) }
                return nil
            }
            // Whichever ends first decides; cancelling the body read closes the connection.
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let bytes = first else { throw HTTPClientError.deadlineExceeded }
            return bytes
        }
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
        let text = "\(error)"
        if text.contains("refused") || text.contains("ECONNREFUSED") || text.contains("errno: 111") {
            return .unreachable("connection refused")
        }
        if error is NIOConnectionError || error is IOError || error is SocketAddressError || error is ChannelError {
            return .unreachable(text)
        }
        return .invalidResponse(text)
    }
}

/// A request body of one chunk whose length the client is not told, so it goes chunked.
struct AsyncOneChunk: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let bytes: [UInt8]

    struct AsyncIterator: AsyncIteratorProtocol {
        var pending: [UInt8]?
        mutating func next() async -> ByteBuffer? {
            guard let bytes = pending else { return nil }
            pending = nil
            return bytes.isEmpty ? nil : ByteBuffer(bytes: bytes)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pending: bytes) }
}

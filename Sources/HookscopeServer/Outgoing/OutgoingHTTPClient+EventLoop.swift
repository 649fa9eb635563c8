import AsyncHTTPClient
import HookscopeCore
import NIOCore
import NIOHTTP1

extension OutgoingHTTPClient {
    /// Sends the request with the answer and the returned future on `eventLoop`, and the
    /// connection there too when it is one of the client's loops and has one free.
    /// The server forwards this way from the connection's own loop (no task on the
    /// concurrency pool, no thread switch); the async `send` is a wrapper around it, so
    /// there is one path and one framing of the body.
    ///
    /// The deadline covers the whole answer, body included. The future fails with an
    /// `OutgoingFailure`, always.
    public func send(_ request: OutgoingRequest, timeout: TimeAmount, maxBody: Int, on eventLoop: any EventLoop) -> EventLoopFuture<OutgoingResponse> {
        let started = MonotonicInstant.now()
        let prepared: HTTPClient.Request
        do {
            prepared = try HTTPClient.Request(
                url: request.url, method: HTTPMethod(rawValue: request.method), headers: Self.headers(of: request),
                body: Self.body(of: request, on: eventLoop)
            )
        } catch {
            return eventLoop.makeFailedFuture(Self.classify(error, timeout: timeout))
        }
        // The client can only keep to a loop of its own group; with another one it picks a
        // loop itself and the outcome hops over. Preferred, not required: a connection the
        // client must put on a given loop is closed after one request (a connect per forward).
        let ownLoop = eventLoopGroup.makeIterator().contains { $0 === eventLoop }
        let task = client.execute(
            request: prepared, delegate: ResponseAccumulator(request: prepared, maxBodySize: maxBody),
            eventLoop: ownLoop ? .delegate(on: eventLoop) : .indifferent, deadline: .now() + timeout
        )
        return task.futureResult.hop(to: eventLoop)
            .flatMapError { error in
                self.explain(error, url: request.url, timeout: timeout, on: eventLoop).flatMapThrowing { failure -> HTTPClient.Response in throw failure }
            }
            .map { response in
                OutgoingResponse(
                    status: Int(response.status.code),
                    headers: response.headers.map { HeaderField($0.name, $0.value) },
                    body: response.body.map { Array($0.readableBytesView) } ?? [],
                    durationMilliseconds: started.milliseconds(until: .now())
                )
            }
    }

    /// The body's framing, the only one: chunked when the original was, a fixed length
    /// when there are bytes or the original declared a length, else none.
    private static func body(of request: OutgoingRequest, on eventLoop: any EventLoop) -> HTTPClient.Body? {
        if request.isChunked {
            // Unknown length makes the client send it chunked, as the original was.
            let bytes = request.body
            return .stream(contentLength: nil) { writer in
                bytes.isEmpty ? eventLoop.makeSucceededVoidFuture() : writer.write(.byteBuffer(ByteBuffer(bytes: bytes)))
            }
        }
        if !request.body.isEmpty || request.headers.first(named: "Content-Length") != nil {
            return .byteBuffer(ByteBuffer(bytes: request.body))
        }
        return nil
    }
}

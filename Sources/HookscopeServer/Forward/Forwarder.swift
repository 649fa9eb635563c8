import HookscopeCore
import NIOCore

/// Sends captured requests on to the user's app (`--forward`) and turns what happened into
/// the answer for the sender: the app's own answer relayed, or 502/504/508 with a short
/// explanation when it could not be had.
public final class Forwarder: Sendable {
    public let configuration: ForwardConfiguration
    private let client: OutgoingHTTPClient

    /// What one forward produced: what to record, and what the sender gets unless a rule
    /// or intercept chose otherwise.
    public struct Outcome: Sendable, Equatable {
        public var upstream: UpstreamResponse
        public var answer: PlannedAnswer
    }

    /// - Parameter tls: which certificates an `https://` app is trusted with.
    public init(configuration: ForwardConfiguration, eventLoopGroup: (any EventLoopGroup)? = nil, tls: OutgoingTLS = .systemDefault) {
        self.configuration = configuration
        client = OutgoingHTTPClient(
            connectTimeout: .milliseconds(Int64(min(configuration.timeoutMilliseconds, 10_000))),
            eventLoopGroup: eventLoopGroup, tls: tls
        )
    }

    /// The route this exchange takes, or nil when none matches (the plan answers it).
    public func route(for exchange: Exchange) -> ForwardRoute? {
        configuration.routes.route(for: exchange)
    }

    /// The request as it goes upstream: same method, target (after the route's prefix),
    /// headers less hop-by-hop ones plus our `Via`, exact body. Without `route`, the one
    /// the exchange takes (or the primary one, when none matches).
    public func request(for exchange: Exchange, route: ForwardRoute? = nil) -> OutgoingRequest {
        let upstream = (route ?? self.route(for: exchange) ?? configuration.routes.primary).upstream
        let host = configuration.rewriteHost ? ReplayPreparation.authority(of: upstream) : nil
        var request = OutgoingRequest(exchange, base: upstream)
        request.headers = ProxyHeaders.forwardedRequest(exchange.headers, via: configuration.via, host: host)
        return request
    }

    /// Forwards with the upstream connection and the outcome on `eventLoop`: the capture
    /// server passes the sender's connection's loop, so a forward costs no thread switch.
    public func forward(_ exchange: Exchange, along route: ForwardRoute, on eventLoop: any EventLoop) -> EventLoopFuture<Outcome> {
        let request = request(for: exchange, route: route)
        guard !ProxyHeaders.isLoop(exchange.headers, via: configuration.via) else {
            let why = "forwarding loop: this request already passed through this hookscope (Via: \(configuration.via)); check that --forward does not point back at hookscope"
            return eventLoop.makeSucceededFuture(Outcome(
                upstream: UpstreamResponse(url: request.url, status: nil, durationMilliseconds: 0, error: why, route: route.name),
                answer: explanation(508, why)
            ))
        }
        let started = MonotonicInstant.now()
        return client.send(
            request, timeout: .milliseconds(Int64(configuration.timeoutMilliseconds)), maxBody: configuration.maxBodyBytes, on: eventLoop
        ).map { response in
            let upstream = UpstreamResponse(
                url: request.url, status: response.status, headers: response.headers, body: response.body,
                durationMilliseconds: response.durationMilliseconds, route: route.name
            )
            var headers = ProxyHeaders.relayedResponse(response.headers, via: self.configuration.via)
            if exchange.method == "HEAD", let length = response.headers.first(named: "Content-Length") {
                headers.append(HeaderField("Content-Length", length))
            }
            let answer = PlannedAnswer(status: response.status, headers: headers, body: response.body, source: .forward)
            return Outcome(upstream: upstream, answer: answer)
        }.recover { error in
            self.failedOutcome(url: request.url, route: route, started: started, error: error)
        }
    }

    private func failedOutcome(url: String, route: ForwardRoute, started: MonotonicInstant, error: any Error) -> Outcome {
        let failure = OutgoingHTTPClient.classify(error, timeout: .milliseconds(Int64(configuration.timeoutMilliseconds)))
        let upstream = UpstreamResponse(
            url: url, status: nil, durationMilliseconds: started.milliseconds(until: .now()), error: failure.description, route: route.name
        )
        return Outcome(upstream: upstream, answer: failureAnswer(failure, upstream: route.upstream))
    }

    public func shutdown() async {
        await client.shutdown()
    }

    /// 504 when the app was too slow, 502 for everything else that kept an answer from it.
    func failureAnswer(_ failure: OutgoingFailure, upstream: String) -> PlannedAnswer {
        switch failure {
        case .timedOut(let ms):
            return explanation(504, "the upstream \(upstream) did not answer within \(ms) ms (--forward-timeout)")
        case .unreachable(let why):
            return explanation(502, "cannot reach the upstream \(upstream): \(why); is the app running?")
        case .invalidResponse(let why):
            return explanation(502, "the upstream \(upstream) sent an answer that is not valid HTTP: \(why)")
        case .invalidRequest(let why):
            return explanation(502, "the request could not be forwarded to \(upstream): \(why)")
        case .tls(let why):
            return explanation(502, "cannot forward to \(upstream): \(why)")
        }
    }

    private func explanation(_ status: Int, _ text: String) -> PlannedAnswer {
        PlannedAnswer(
            status: status,
            headers: [HeaderField("Content-Type", "text/plain; charset=utf-8"), HeaderField("Via", configuration.via)],
            body: Array("hookscope: \(text)\n".utf8), source: .error
        )
    }
}

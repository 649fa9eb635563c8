import HookscopeCore
import HookscopeServer
import NIOPosix

extension Forwarder {
    /// For tests only: forwards along the route the exchange takes (the primary one when none
    /// matches) on a loop of NIO's shared group, as the capture server does on its connection's
    /// loop. The product calls `forward(_:along:on:)` directly; this stays out of it (#13).
    func forward(_ exchange: Exchange) async throws -> Outcome {
        let route = route(for: exchange) ?? configuration.routes.primary
        return try await forward(exchange, along: route, on: MultiThreadedEventLoopGroup.singleton.next()).get()
    }
}

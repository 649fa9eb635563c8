import HookscopeCore

/// Intercepted requests sent on to the app, as `update` decided it: which one (nil: every
/// one waiting) and the words for the message line once the runner has done it. The runner
/// only calls the server and says how many it reached.
public struct ForwardOrder: Sendable, Equatable {
    /// nil: every waiting request, each along its own `--forward` route.
    public var id: Int?
    /// For one request: what happens to it (its route's app, or no route matches).
    public var outcome: String?

    public init(id: Int?, outcome: String? = nil) {
        self.id = id
        self.outcome = outcome
    }

    /// The message once `count` requests were handed on (for one: 0 when it had stopped
    /// waiting, answered by its deadline or dropped meanwhile).
    public func message(forwarded count: Int) -> StatusMessage {
        guard let id else {
            return StatusMessage("forwarding \(CountWords.format(count, "waiting request")) to the app (each along its --forward route)")
        }
        guard count == 1 else { return StatusMessage("#\(id) is no longer waiting", isError: true) }
        return StatusMessage(outcome ?? "forwarding #\(id) to the app; the sender gets its answer")
    }
}

extension AppState {
    /// Forwarding `id` (nil: all), with the words for what happens to it: the route it
    /// takes, or that none matches and the plan answers it.
    func forwardOrder(id: Int?) -> ForwardOrder {
        guard let id, let exchange = exchange(id: id), let routes = header.forwardRoutes else { return ForwardOrder(id: id) }
        guard let route = routes.route(for: exchange) else {
            return ForwardOrder(id: id, outcome: "#\(id) matches no --forward route: answered as planned")
        }
        return ForwardOrder(id: id, outcome: "forwarding #\(id) to \(route.upstream) (route \(route.name)); the sender gets its answer")
    }
}

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
    /// Where a held request can be forwarded: the listener's own `--forward` routes, or
    /// (attached) this UI's, through the store; nil: the picker offers no forward.
    var heldForwardRoutes: ForwardRoutes? { header.forwardRoutes ?? header.storeForwardRoutes }

    /// Forwarding `id` (nil: all), with the words for what happens to it: the route it
    /// takes, or that none matches (the listener's plan answers it; an attached UI leaves
    /// it waiting).
    func forwardOrder(id: Int?) -> ForwardOrder {
        guard let id, let exchange = exchange(id: id), let routes = heldForwardRoutes else { return ForwardOrder(id: id) }
        let throughStore = header.forwardRoutes == nil
        guard let route = routes.route(for: exchange) else {
            return ForwardOrder(id: id, outcome: throughStore
                ? "#\(id) matches none of your --forward routes: answer or drop it"
                : "#\(id) matches no --forward route: answered as planned")
        }
        return ForwardOrder(id: id, outcome: "forwarding #\(id) to \(route.upstream) (route \(route.name))\(throughStore ? " through the store" : ""); the sender gets its answer")
    }
}

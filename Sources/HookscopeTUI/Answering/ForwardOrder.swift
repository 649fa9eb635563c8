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

/// `A` → forward to the app in an attached UI that forwards: the held requests this UI's
/// routes take go through the store; the others stay waiting for an answer or a drop.
struct HeldForwardBatch: Equatable {
    var taken: [Int]
    var left: [Int]

    /// The words for those left, nil when none is: "2 left waiting (#3, #5): none of your
    /// --forward routes takes them; answer or drop them".
    var leftWaiting: String? {
        guard !left.isEmpty else { return nil }
        let which = left.prefix(5).map { "#\($0)" }.joined(separator: ", ") + (left.count > 5 ? ", …" : "")
        let them = left.count == 1 ? "it" : "them"
        return "\(left.count) left waiting (\(which)): none of your --forward routes takes \(them); answer or drop \(them)"
    }
}

extension AppState {
    /// Every waiting request, by whether this UI's routes take it (one not in the list, or
    /// with no routes at all, is left).
    func heldForwardBatch() -> HeldForwardBatch {
        var batch = HeldForwardBatch(taken: [], left: [])
        for id in pending.keys.sorted() {
            if let exchange = exchange(id: id), heldForwardRoutes?.route(for: exchange) != nil {
                batch.taken.append(id)
            } else {
                batch.left.append(id)
            }
        }
        return batch
    }
}

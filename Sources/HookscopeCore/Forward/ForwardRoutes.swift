/// Every `--forward` of a listener: the routes with conditions in the order given (the
/// first that matches wins), then the default route. No route matching means the request
/// is answered as the plan says, as if there were no `--forward`.
public struct ForwardRoutes: Sendable, Equatable {
    /// Routes with conditions, in the order given.
    public private(set) var conditional: [ForwardRoute]
    public private(set) var fallback: ForwardRoute?

    /// At least one route; at most one without conditions.
    public init(_ routes: [ForwardRoute]) throws {
        guard !routes.isEmpty else { throw AnswerSpecParser.Failure(message: "--forward needs at least one route") }
        conditional = routes.filter { $0.conditions != nil }
        let defaults = routes.filter { $0.conditions == nil }
        guard defaults.count <= 1 else {
            throw AnswerSpecParser.Failure(message: "--forward without conditions is the default route; give it once (\(defaults.map(\.upstream).joined(separator: ", ")))")
        }
        fallback = defaults.first
    }

    /// One default route: the plain `--forward URL`.
    public init(upstream: String) {
        conditional = []
        fallback = ForwardRoute(upstream: upstream)
    }

    public func route(for exchange: Exchange) -> ForwardRoute? {
        conditional.first { $0.conditions?.matches(exchange) == true } ?? fallback
    }

    /// In the order they are tried (never empty).
    public var all: [ForwardRoute] { conditional + (fallback.map { [$0] } ?? []) }

    /// The default route, or else the first: where replay sends when no target is given,
    /// and what a forward outside the server (no route matching) uses.
    public var primary: ForwardRoute {
        fallback ?? conditional[0]
    }
}

import HookscopeCore

/// `--forward`: where captured requests go on to, and how.
public struct ForwardConfiguration: Sendable, Equatable {
    /// Where requests go: routes with conditions first, then the default route.
    public var routes: ForwardRoutes
    /// How long the upstream has for its whole answer; then the sender gets 504.
    public var timeoutMilliseconds: Int
    /// Set Host to the upstream's `host:port` instead of keeping the sender's.
    public var rewriteHost: Bool
    /// Call the upstream even when a rule, sequence or intercept chose the answer, so the
    /// user sees what the app said while the sender gets the chosen answer.
    public var alwaysCallUpstream: Bool
    /// Our `Via` entry (`1.1 hookscope-<id>`): added going out, and a request that already
    /// carries it has come back around (a loop).
    public var via: String
    /// The most of the upstream's answer body kept and relayed.
    public var maxBodyBytes: Int

    /// One default route: `upstream` is `http://localhost:3000`, optionally with a path
    /// prefix (`http://localhost:3000/app`); the request's own target follows it.
    public init(
        upstream: String, timeoutMilliseconds: Int = 30_000, rewriteHost: Bool = false, alwaysCallUpstream: Bool = false,
        via: String = ForwardConfiguration.makeVia(), maxBodyBytes: Int = 64 * 1024 * 1024
    ) {
        self.init(
            routes: ForwardRoutes(upstream: upstream), timeoutMilliseconds: timeoutMilliseconds, rewriteHost: rewriteHost,
            alwaysCallUpstream: alwaysCallUpstream, via: via, maxBodyBytes: maxBodyBytes
        )
    }

    public init(
        routes: ForwardRoutes, timeoutMilliseconds: Int = 30_000, rewriteHost: Bool = false, alwaysCallUpstream: Bool = false,
        via: String = ForwardConfiguration.makeVia(), maxBodyBytes: Int = 64 * 1024 * 1024
    ) {
        self.routes = routes
        self.timeoutMilliseconds = max(1, timeoutMilliseconds)
        self.rewriteHost = rewriteHost
        self.alwaysCallUpstream = alwaysCallUpstream
        self.via = via
        self.maxBodyBytes = maxBodyBytes
    }

    /// A pseudonym unique to this run, so two hookscopes chained on purpose are not
    /// mistaken for a loop, while one that reaches itself is.
    public static func makeVia() -> String {
        "1.1 hookscope-" + Hex.encode((0..<4).map { _ in UInt8.random(in: 0...255) })
    }
}

/// One `--forward`: where deliveries that meet its conditions go. The plain form
/// (`--forward http://localhost:3000`) has no conditions: it is the default route.
///
///     /stripe/** -> http://localhost:3000/stripe
///     provider=github -> http://localhost:4000
///     http://localhost:5000
public struct ForwardRoute: Sendable, Equatable {
    /// nil for the default route (taken when no route with conditions matches).
    public var conditions: RequestConditions?
    /// `http://localhost:3000`, optionally with a path prefix, without a trailing `/`: the
    /// request's own target follows it.
    public var upstream: String

    public init(conditions: RequestConditions? = nil, upstream: String) {
        self.conditions = conditions
        var base = upstream
        while base.hasSuffix("/") { base.removeLast() }
        self.upstream = base
    }

    /// What the Response tab and the JSON Lines call the route: its conditions
    /// (`/stripe/** provider=stripe`), or `default`.
    public var name: String {
        conditions?.summary ?? "default"
    }

    /// Reads one `--forward` value; the conditions are those of `--rule`.
    public static func parse(_ text: String) throws -> ForwardRoute {
        guard let arrow = text.range(of: "->") else {
            return ForwardRoute(upstream: try checkedUpstream(text[...].trimmingSpaces))
        }
        let target = try checkedUpstream(text[arrow.upperBound...].trimmingSpaces)
        let conditions = try AnswerSpecParser.parseConditions(text[..<arrow.lowerBound], of: "forward route")
        guard conditions != RequestConditions() else {
            throw AnswerSpecParser.Failure(message: "the route '\(text)' has no condition before '->'; write the URL alone for the default route")
        }
        return ForwardRoute(conditions: conditions, upstream: target)
    }

    private static func checkedUpstream(_ url: String) throws -> String {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw AnswerSpecParser.Failure(message: "--forward needs an http:// or https:// URL, got '\(url)'")
        }
        guard ReplayPreparation.authority(of: url) != nil else {
            throw AnswerSpecParser.Failure(message: "--forward needs a host, e.g. http://localhost:3000")
        }
        return url
    }
}

import Testing
@testable import HookscopeCore

/// `--forward` routes: the conditions of `--rule`, the first match wins, the plain URL is
/// the default route, and no match means no route.
@Suite struct ForwardRoutesTests {
    func exchange(_ target: String, method: String = "POST", provider: String? = nil) -> Exchange {
        var exchange = Exchange(receivedAt: .init(nanosecondsSinceEpoch: 0), remote: "r", method: method, target: target, headers: [], body: [])
        exchange.analysis.provider = provider
        return exchange
    }

    @Test func readsConditionsAsRulesDoAndThePlainFormAsTheDefault() throws {
        let stripe = try ForwardRoute.parse("/stripe/** -> http://localhost:3000/stripe/")
        #expect(stripe.conditions == RequestConditions(pathGlob: "/stripe/**"))
        #expect(stripe.upstream == "http://localhost:3000/stripe")
        #expect(stripe.name == "/stripe/**")
        let github = try ForwardRoute.parse("post provider=GitHub -> http://localhost:4000")
        #expect(github.conditions == RequestConditions(method: "POST", provider: "github"))
        #expect(github.name == "POST * provider=github")
        let plain = try ForwardRoute.parse(" http://localhost:5000 ")
        #expect(plain.conditions == nil)
        #expect(plain.upstream == "http://localhost:5000")
        #expect(plain.name == "default")
    }

    @Test func explainsWhatIsWrong() {
        #expect(throws: AnswerSpecParser.Failure(message: "unknown forward route condition 'colour'; known: method, path, provider")) {
            try ForwardRoute.parse("colour=red -> http://localhost:3000")
        }
        #expect(throws: AnswerSpecParser.Failure(message: "--forward needs an http:// or https:// URL, got 'localhost:3000'")) {
            try ForwardRoute.parse("/a/** -> localhost:3000")
        }
        #expect(throws: AnswerSpecParser.Failure.self) { try ForwardRoute.parse("-> http://localhost:3000") }
        #expect(throws: AnswerSpecParser.Failure.self) { try ForwardRoute.parse("http://") }
        #expect(throws: AnswerSpecParser.Failure.self) {
            try ForwardRoutes([ForwardRoute(upstream: "http://a:1"), ForwardRoute(upstream: "http://b:2")])
        }
        #expect(throws: AnswerSpecParser.Failure.self) { try ForwardRoutes([]) }
    }

    @Test func theFirstMatchingRouteWinsThenTheDefault() throws {
        let routes = try ForwardRoutes([
            ForwardRoute(upstream: "http://default:1"),
            try ForwardRoute.parse("/stripe/** -> http://stripe:2"),
            try ForwardRoute.parse("provider=github -> http://github:3"),
            try ForwardRoute.parse("/stripe/github/** -> http://never:4"),
        ])
        #expect(routes.route(for: exchange("/stripe/evt"))?.upstream == "http://stripe:2")
        #expect(routes.route(for: exchange("/stripe/github/x", provider: "github"))?.upstream == "http://stripe:2")
        #expect(routes.route(for: exchange("/gh", provider: "GitHub"))?.upstream == "http://github:3")
        #expect(routes.route(for: exchange("/other"))?.upstream == "http://default:1")
        #expect(routes.all.map(\.upstream) == ["http://stripe:2", "http://github:3", "http://never:4", "http://default:1"])
        #expect(routes.primary.upstream == "http://default:1")
    }

    @Test func withoutADefaultRouteARequestNoRouteMatchesHasNone() throws {
        let routes = try ForwardRoutes([try ForwardRoute.parse("PUT /a/* -> http://a:1")])
        #expect(routes.route(for: exchange("/a/b", method: "PUT"))?.upstream == "http://a:1")
        #expect(routes.route(for: exchange("/a/b", method: "POST")) == nil)
        #expect(routes.route(for: exchange("/a/b/c", method: "PUT")) == nil)
        #expect(routes.primary.upstream == "http://a:1")
    }

    @Test func rulesAndRoutesShareOneConditionParser() throws {
        let rule = try AnswerSpecParser.parseRule("DELETE path=/x/** provider=Teamwork -> 500")
        let route = try ForwardRoute.parse("DELETE path=/x/** provider=Teamwork -> http://h:1")
        #expect(rule.conditions == route.conditions)
        #expect(rule.summary == "DELETE /x/** provider=teamwork -> 500")
    }
}

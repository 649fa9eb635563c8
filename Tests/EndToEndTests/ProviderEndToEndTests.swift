import Foundation
import HookscopeCore
import Testing
import TestSupport

/// Signed deliveries through the real binary and server: the JSON Lines output carries
/// the provider, event, delivery id and verdict.
@Suite(.serialized, .offThePool) struct ProviderEndToEndTests {
    static let secrets = [
        "productive": "prod_secret_3f9a1c2e7b", "gitproductivity": "gp_whsec_8d7e6f5a4b3c",
        "teamwork": "bea1ffc4e56d5056b6e0c7ee24b47b5", "standard": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "stripe": "whsec_stripe_test_1234567890", "github": "gh_hook_secret_abcdef",
        "slack": "8f742231b10e8888abcd99yyyzzz85a5", "shopify": "shpss_0123456789abcdef",
        "productlift": "pl_portal_secret_42",
    ]

    /// No config file from the developer's home directory takes part.
    static let isolated = ["HOME": FileManager.default.temporaryDirectory.path, "XDG_CONFIG_HOME": ""]

    struct Expected {
        var provider: String
        var event: String?
        var deliveryID: String?
        var status: String
    }

    static func body(for provider: String) -> [UInt8] {
        switch provider {
        case "productlift":
            return Array(#"{"id":"vg3EGg2wcHgd8nMl","creation_time":"2022-06-01T18:17:37Z","event":"vote.created","data":{}}"#.utf8)
        case "slack":
            return Array(#"{"type":"event_callback","event_id":"Ev08MFMKH6","event":{"type":"app_mention"}}"#.utf8)
        default:
            return Array(#"{"id":"evt_123abc","type":"developer.added","created_at":"2026-03-19T10:30:00Z","data":{}}"#.utf8)
        }
    }

    @Test func signedDeliveriesAreRecognisedAndVerified() throws {
        var arguments = ["--json"]
        // Shopify's secret comes from the environment, every other one from --secret.
        for (name, secret) in Self.secrets.sorted(by: { $0.key < $1.key }) where name != "shopify" {
            arguments += ["--secret", "\(name)=\(secret)"]
        }
        let hookscope = try RunningHookscope(arguments, environment: Self.isolated.merging(["HOOKSCOPE_SECRET_SHOPIFY": Self.secrets["shopify"]!]) { $1 })
        defer { _ = try? hookscope.stop() }
        let now = Int64(Date().timeIntervalSince1970)
        var expected: [String: Expected] = [:]

        for profile in BuiltInProviders.all where profile.signature != nil && Self.secrets[profile.name] != nil {
            let name = profile.name
            let secret = ProviderSecret(provider: name, value: Self.secrets[name]!, origin: "test")
            let headers = try ProviderSigner.headers(
                for: profile, secret: secret, body: Self.body(for: name), timestamp: now,
                id: "delivery-\(name)", event: "\(name).event"
            )
            let status = try ProviderTestClient.post(
                port: hookscope.port, path: "/hooks/\(name)", headers: headers.map { ($0.name, $0.value) }, body: Self.body(for: name)
            )
            #expect(status == 200)
            let event: String?
            let delivery: String?
            switch profile.event {
            case .header?: event = "\(name).event"
            case .body(let path)?: event = name == "slack" ? "app_mention" : (path == "type" ? "developer.added" : nil)
            case nil: event = nil
            }
            switch profile.deliveryID {
            case .header?: delivery = "delivery-\(name)"
            case .body?: delivery = name == "slack" ? "Ev08MFMKH6" : "evt_123abc"
            case nil: delivery = nil
            }
            expected["/hooks/\(name)"] = Expected(provider: name, event: event, deliveryID: delivery, status: "valid")
        }
        // ProductLift: no documented recipe; discovery finds the header signed over the body.
        let liftBody = Self.body(for: "productlift")
        let liftDigest = HMACSHA256.code(key: Array(Self.secrets["productlift"]!.utf8), message: liftBody)
        _ = try ProviderTestClient.post(port: hookscope.port, path: "/hooks/productlift", headers: [("X-Signature", Hex.encode(liftDigest))], body: liftBody)
        expected["/hooks/productlift"] = Expected(provider: "productlift", event: "vote.created", deliveryID: "vg3EGg2wcHgd8nMl", status: "valid")
        // A tampered GitHub delivery: same headers, changed body.
        let github = try ProviderSigner.headers(
            for: BuiltInProviders.github, secret: ProviderSecret(provider: "github", value: Self.secrets["github"]!, origin: "test"),
            body: Array("{}".utf8), timestamp: now, id: "tampered", event: "push"
        )
        _ = try ProviderTestClient.post(port: hookscope.port, path: "/hooks/tampered", headers: github.map { ($0.name, $0.value) }, body: Array("{ }".utf8))
        expected["/hooks/tampered"] = Expected(provider: "github", event: "push", deliveryID: "tampered", status: "invalid")

        let lines = try Poll.until(timeout: 20) { () -> [String]? in
            let lines = hookscope.stdout.split(separator: "\n").map(String.init)
            return lines.count >= expected.count ? lines : nil
        }
        let exchanges = try lines.map(ExchangeJSONLines.decode)
        for exchange in exchanges {
            let want = try #require(expected[exchange.path], "unexpected path \(exchange.path)")
            let got = exchange.analysis
            #expect(got.provider == want.provider, "\(exchange.path)")
            #expect(got.event == want.event, "\(exchange.path)")
            #expect(got.deliveryID == want.deliveryID, "\(exchange.path)")
            #expect(got.signature.status.rawValue == want.status, "\(exchange.path): \(got.signature.reason ?? "")")
        }
        #expect(Set(exchanges.map(\.path)) == Set(expected.keys))
        #expect(!hookscope.stdout.contains(Self.secrets["teamwork"]!))
    }

    /// Marks follow the locale as the terminal UI's do (#12 point 14): UTF-8 symbols, or
    /// ASCII under `LANG=C`, with the same words in both.
    @Test(arguments: [("C.UTF-8", "✓", "✗"), ("C", "+", "x")])
    func headlessLineCarriesTheMark(locale: String, valid: String, invalid: String) throws {
        let hookscope = try RunningHookscope(
            ["--headless", "--secret", "teamwork=\(Self.secrets["teamwork"]!)"],
            environment: Self.isolated.merging(["LANG": locale, "LC_ALL": "", "LC_CTYPE": ""]) { $1 }
        )
        defer { _ = try? hookscope.stop() }
        let body = Array(#"{"id":1}"#.utf8)
        let headers = try ProviderSigner.headers(
            for: BuiltInProviders.teamwork, secret: ProviderSecret(provider: "teamwork", value: Self.secrets["teamwork"]!, origin: "test"),
            body: body, timestamp: 0, id: "d-1", event: "deals.created"
        )
        _ = try ProviderTestClient.post(port: hookscope.port, path: "/tw", headers: headers.map { ($0.name, $0.value) }, body: body)
        _ = try ProviderTestClient.post(port: hookscope.port, path: "/tw", headers: headers.map { ($0.name, $0.value) }, body: Array("{}".utf8))
        let lines = try Poll.until(timeout: 20) { () -> [String]? in
            let lines = hookscope.stdout.split(separator: "\n").map(String.init)
            return lines.count >= 2 ? lines : nil
        }
        #expect(lines[0].hasSuffix("teamwork deals.created \(valid) valid"), "\(lines[0])")
        // Same Delivery id, different body: the line also says it is a changed retry.
        #expect(lines[1].hasSuffix("teamwork deals.created \(invalid) invalid  attempt 2 (body differs from attempt 1)"), "\(lines[1])")
        #expect(!lines.joined().unicodeScalars.contains { !$0.isASCII } || valid == "✓", "\(lines)")
    }
}

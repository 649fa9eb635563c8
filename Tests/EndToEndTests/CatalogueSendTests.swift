import Foundation
import HookscopeCore
import Testing
import TestSupport

/// `hookscope send` for every built-in whose recipe is symmetric and carried in a header,
/// to a real listener that only captures; what arrived is checked by
/// scripts/verify-catalogue-delivery.py, which applies each entry's recipe with Python's
/// hmac/hashlib (sharing no code with hookscope). Mailgun's signature is written into the
/// body. Not here, and why: Discord and SendGrid sign with a private key
/// (RecipeKindEndToEndTests sends those kinds with --private-key); entries with `kind: none`
/// have no recipe.
@Suite(.serialized, .offThePool) struct CatalogueSendTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Built-ins `send` signs: every symmetric recipe, in a header or in the body.
    static let sendable = BuiltInProviders.all.filter {
        guard let recipe = $0.signature else { return false }
        return !recipe.kind.isAsymmetric
    }

    /// A secret in the form the recipe reads (base64 for Standard Webhooks and Svix).
    static func secret(for profile: ProviderProfile) -> String {
        switch profile.signature?.secretEncoding {
        case .base64?: return Base64.encode(Array("\(profile.name)-key-0123456789ab".utf8))
        case .hex?: return Hex.encode(Array("\(profile.name)-key".utf8))
        default: return "\(profile.name)-secret-42"
        }
    }

    /// Headers the person sending must give: Zendesk signs its timestamp header, whose format
    /// its page does not give, so hookscope does not make one up.
    static let given = ["zendesk": ["--header", "X-Zendesk-Webhook-Signature-Timestamp: 2026-12-01T18:00:00Z"]]

    @Test func everySymmetricBuiltInIsSentSoTheIndependentVerifierAccepts() throws {
        #expect(Self.sendable.count >= 45)
        let listener = try RunningHookscope(["--json"], environment: ProviderEndToEndTests.isolated)
        defer { _ = try? listener.stop() }
        for profile in Self.sendable {
            let arguments = ["send", profile.name, "\(listener.url)/hooks/\(profile.name)", "--secret", Self.secret(for: profile)]
                + (Self.given[profile.name] ?? [])
            let run = try HookscopeCommand.run(arguments, environment: ProviderEndToEndTests.isolated)
            #expect(run.status == 0, "\(profile.name): \(run.stdout) \(run.stderr)")
        }
        let lines = try Poll.until(timeout: 30) { () -> [[String: Any]]? in
            let lines = listener.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            return lines.count >= Self.sendable.count ? lines : nil
        }
        var checked: Set<String> = []
        for line in lines {
            let path = try #require(line["path"] as? String)
            let name = String(path.dropFirst("/hooks/".count))
            let profile = try #require(BuiltInProviders.named(name), "\(path)")
            let request: [String: Any?] = [
                "provider": name, "headers": line["headers"], "body": line["body"], "secret": Self.secret(for: profile),
                "url": "\(listener.url)\(path)", "method": line["method"],
            ]
            let verdict = try RecipeKindEndToEndTests.python(
                JSONSerialization.data(withJSONObject: request.compactMapValues { $0 }), script: "scripts/verify-catalogue-delivery.py"
            )
            #expect(verdict == "ok", "\(name): \(verdict) for \(line)")
            checked.insert(name)
        }
        #expect(checked == Set(Self.sendable.map(\.name)))
    }

    /// `sign` for a signature carried in the body prints the body with Mailgun's signature
    /// fields filled in, and the independent verifier accepts it.
    @Test func signWritesMailgunsSignatureIntoTheBody() throws {
        let body = #"{"signature":{"timestamp":"","token":"tok-1234567890abcdef","signature":""},"event-data":{"event":"delivered","id":"e1"}}"#
        let file = HookscopeCommand.temporaryPath("mailgun.json")
        try Data(body.utf8).write(to: URL(fileURLWithPath: file))
        let run = try HookscopeCommand.run(
            ["sign", "--provider", "mailgun", "--secret", "key-mailgun-1", "--body-file", file, "--timestamp", "1700000000"],
            environment: ProviderEndToEndTests.isolated
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""timestamp":"1700000000","token":"tok-1234567890abcdef","signature":""#), "\(run.stdout)")
        let request: [String: Any] = ["provider": "mailgun", "headers": [[String]](), "body": run.stdout, "secret": "key-mailgun-1"]
        let verdict = try RecipeKindEndToEndTests.python(JSONSerialization.data(withJSONObject: request), script: "scripts/verify-catalogue-delivery.py")
        #expect(verdict == "ok", "\(verdict) for \(run.stdout)")
    }

    /// Without the header it cannot make up, `send zendesk` says which header and how to give it.
    @Test func zendeskWithoutItsTimestampHeaderSaysHowToGiveIt() throws {
        let run = try HookscopeCommand.run(["send", "zendesk", "http://127.0.0.1:1/hooks", "--secret", "s"], environment: ProviderEndToEndTests.isolated)
        #expect(run.status == 1)
        #expect(run.stderr.contains("--header 'X-Zendesk-Webhook-Signature-Timestamp: VALUE'"), "\(run.stderr)")
    }
}

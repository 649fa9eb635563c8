import Foundation
import HookscopeCore
import Testing
import TestSupport

/// `hookscope replay` through the real binaries: captured by one listener, replayed into another.
@Suite(.serialized, .offThePool) struct ReplayCommandTests {
    static let secret = "prod_secret_3f9a1c2e7b"
    let environment = ProviderEndToEndTests.isolated

    /// A Productive delivery signed two hours ago, captured into a --save file.
    func captureStaleDelivery() throws -> (save: String, original: Exchange) {
        let save = HookscopeCommand.temporaryPath("captures.jsonl")
        let listener = try RunningHookscope(["--json", "--save", save], environment: environment)
        let body = Array(#"{"data":{"type":"deals","id":"7"}}"#.utf8)
        let headers = try ProviderSigner.headers(
            for: BuiltInProviders.productive, secret: ProviderSecret(provider: "productive", value: Self.secret, origin: "test"),
            body: body, timestamp: Int64(Date().timeIntervalSince1970) - 7200
        )
        _ = try ProviderTestClient.post(port: listener.port, path: "/hooks/productive?x=1", headers: headers.map { ($0.name, $0.value) }, body: body)
        _ = try Poll.until(timeout: 20) { listener.stdout.isEmpty ? nil : true }
        #expect(try listener.stop() == 0)
        let original = try #require(ExchangeFile.decode(try String(contentsOfFile: save, encoding: .utf8)).exchanges.first)
        return (save, original)
    }

    func receivedBy(_ listener: RunningHookscope) throws -> Exchange {
        let line = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").first }
        return try ExchangeJSONLines.decode(String(line))
    }

    @Test func replayAsCapturedWarnsAboutTheStaleSignature() throws {
        let (save, original) = try captureStaleDelivery()
        let target = try RunningHookscope(["--json", "--secret", "productive=\(Self.secret)"], environment: environment)
        defer { _ = try? target.stop() }
        let result = try HookscopeCommand.run(["replay", "--from", save, "--to", target.url], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: #1: its Productive signature is 2 h old"))
        #expect(result.stdout.contains("#1 POST /hooks/productive?x=1 → 200 OK"))
        let replayed = try receivedBy(target)
        #expect(replayed.target == original.target)
        #expect(replayed.body == original.body)
        #expect(replayed.headers.filter { $0.name != "Content-Length" } == original.headers.filter { $0.name != "Content-Length" })
        #expect(replayed.analysis.signature.status == .expired)
    }

    @Test func resignedReplayVerifies() throws {
        let (save, _) = try captureStaleDelivery()
        let target = try RunningHookscope(["--json", "--secret", "productive=\(Self.secret)"], environment: environment)
        defer { _ = try? target.stop() }
        let result = try HookscopeCommand.run(
            ["replay", "--from", save, "--id", "1", "--to", target.url, "--resign", "--secret", "productive=\(Self.secret)"],
            environment: environment
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("warning"))
        #expect(result.stdout.contains("re-signed: productive"))
        #expect(!result.stdout.contains(Self.secret))
        #expect(try receivedBy(target).analysis.signature.status == .valid)
    }

    @Test func unreachableTargetIsAFailureExitCode() throws {
        let (save, _) = try captureStaleDelivery()
        let result = try HookscopeCommand.run(["replay", "--from", save, "--to", "http://127.0.0.1:1"], environment: environment)
        #expect(result.status == 1)
        #expect(result.stdout.contains("failed: cannot connect"))
    }
}

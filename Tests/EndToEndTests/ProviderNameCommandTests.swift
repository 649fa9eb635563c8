import Foundation
import Testing
import TestSupport

/// An unknown provider name is a usage error everywhere, with "did you mean" (#12 point 8);
/// a secret for a name of one's own still drives signature discovery.
@Suite(.offThePool) struct ProviderNameCommandTests {
    static let body: String = {
        let path = HookscopeCommand.temporaryPath("name-body")
        try? "hello".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> HookscopeCommand.Result {
        try HookscopeCommand.run(arguments, environment: ProviderEndToEndTests.isolated.merging(environment) { $1 })
    }

    @Test func verifySignAndSendRefuseAnUnknownProviderWithExitTwo() throws {
        for arguments in [
            ["verify", "--provider", "nosuch", "--secret", "x", "--body-file", Self.body],
            ["verify", "--provider", "nosuch", "--body-file", Self.body],
            ["sign", "--provider", "nosuch", "--secret", "x", "--body-file", Self.body],
            ["send", "nosuch", "http://127.0.0.1:1/", "--secret", "x"],
        ] {
            let result = try run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("unknown provider 'nosuch'; hookscope providers lists the known ones"), "\(arguments): \(result.stderr)")
        }
        let typo = try run(["verify", "--provider", "githb", "--secret", "x", "--body-file", Self.body])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("--provider: unknown provider 'githb'; did you mean 'github'?"), "\(typo.stderr)")
        let signTypo = try run(["sign", "--provider", "strpie", "--secret", "x", "--body-file", Self.body])
        #expect(signTypo.status == 2)
        #expect(signTypo.stderr.contains("did you mean 'stripe'?"), "\(signTypo.stderr)")
    }

    @Test func aSecretForANearMissIsATypoWhereverItComesFrom() throws {
        let flag = try run(["listen", "--port", "0", "--headless", "--secret", "githb=x"])
        // ArgumentParser's usage error (64): verify, sign and send say 2, as documented.
        #expect(flag.status != 0, "\(flag.stderr)")
        #expect(flag.stderr.contains("--secret: unknown provider 'githb'; did you mean 'github'?"), "\(flag.stderr)")
        let environment = try run(["verify", "--body-file", Self.body], environment: ["HOOKSCOPE_SECRET_GITHB": "x"])
        #expect(environment.status == 2, "\(environment.stderr)")
        #expect(environment.stderr.contains("HOOKSCOPE_SECRET_GITHB: unknown provider 'githb'; did you mean 'github'?"), "\(environment.stderr)")
        let signed = try run(["sign", "--provider", "github", "--secret", "githb=x", "--body-file", Self.body])
        #expect(signed.status == 2, "\(signed.stdout) \(signed.stderr)")
        #expect(signed.stderr.contains("did you mean 'github=…'?"), "\(signed.stderr)")
    }

    @Test func aSecretForANameOfOnesOwnStillDiscoversTheSignature() throws {
        let result = try run(["verify", "--secret", "acme=acme-secret-123456", "--body-file", Self.body,
                              "--header", "X-Acme-Digest: 6d551edf531627532b397b7e21383b45238f03f5546c0ce743d9d06b352d1c0f"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("discovered: header X-Acme-Digest, hex"), "\(result.stdout)")
    }

    @Test func aConfigErrorNamesTheFileTheLineAndTheKey() throws {
        let path = HookscopeCommand.temporaryPath("bad-config.yaml")
        try "secrets:\n  github: x\ntolerance: -5\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try run(["verify", "--config", path, "--body-file", Self.body])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):3: tolerance: must not be negative"), "\(result.stderr)")
        try "rules:\n  - provider=github -> 200\n  - provider=github -> 99\n".write(toFile: path, atomically: true, encoding: .utf8)
        let listen = try run(["listen", "--port", "0", "--headless", "--config", path])
        #expect(listen.status != 0, "\(listen.stderr)")
        #expect(listen.stderr.contains("\(path):3: rules[1]: "), "\(listen.stderr)")
    }
}

import HookscopeCore
import Testing

/// Every config error names the key path and its line (#12 point 9): the exact messages
/// for a handful of bad files, parsed alone and applied to the settings.
@Suite struct ConfigProblemLocationTests {
    func problem(_ yaml: String) -> String? {
        do {
            var settings = ProviderSettings()
            try settings.apply(try ProviderConfiguration(yaml: yaml))
            return nil
        } catch let problem as ProviderConfiguration.Problem {
            return problem.located(in: "c.yaml")
        } catch {
            return "not a Problem: \(error)"
        }
    }

    @Test func eachMessageHasTheKeyAndTheLine() {
        #expect(problem("tolerance: -5\n") == "c.yaml:1: tolerance: must not be negative")
        #expect(problem("""
        secrets:
          github: [old, new]
        providers:
          acme:
            signature:
              header: X-Acme
              encoding: hexx
        """) == "c.yaml:7: providers.acme.signature.encoding: expected hex, base64 or base64url")
        #expect(problem("store: x\ntolerence: 5\n") == "c.yaml:2: tolerence: unknown key (expected one of: providers, respond, routes, rules, secrets, store, tolerance)")
        #expect(problem("""
        providers:
          acme:
            signature: { header: X-Acme, encoding: hex, message: "{timestamp}.{body}",
                         timestamp_header: X-T, tolerance: -1 }
        """) == "c.yaml:4: providers.acme.signature.tolerance: must not be negative")
        #expect(problem("rules:\n  - a\n  - [b]\n") == "c.yaml:3: rules[1]: expected text")
        #expect(problem("secrets:\n  github: x\n  githb: y\n") == "c.yaml:3: secrets.githb: unknown provider 'githb'; did you mean 'github'? (a secret for a name that is no provider is only tried for signature discovery, and a name this close to a provider's is taken for a typo)")
        #expect(problem("routes:\n  /a: github\n  /b: nosuch\n") == "c.yaml:3: routes./b: unknown provider 'nosuch'; hookscope providers lists the known ones (or give it a secret to use discovery)")
        #expect(problem("secrets:\n  github: [a\n")?.hasPrefix("c.yaml:3: not valid YAML (") == true, "\(problem("secrets:\n  github: [a\n") ?? "")")
    }

    @Test func aValueTheCommandChecksIsLocatedToo() throws {
        var configuration = try ProviderConfiguration(yaml: "respond: 200\nrules:\n  - ok\n  - provider=x -> 999\n")
        configuration.file = "/etc/h.yaml"
        #expect(configuration.located("rules[1]", "status 999 is not an HTTP status") == "/etc/h.yaml:4: rules[1]: status 999 is not an HTTP status")
        #expect(configuration.located("respond", "bad") == "/etc/h.yaml:1: respond: bad")
    }

    @Test func aNameOfOneselfStandsForDiscoveryButANearMissDoesNot() {
        let names = ProviderSettings().names
        #expect(names.nearMiss("githb") == "github")
        #expect(names.nearMiss("GitHub") == nil)
        #expect(names.nearMiss("strpie") == "stripe")
        #expect(names.nearMiss("myapp") == nil)
        #expect(names.problem(with: "myapp", hasSecrets: true, needsProfile: false) == nil)
        #expect(names.problem(with: "myapp", hasSecrets: false, needsProfile: false)?.hasPrefix("unknown provider 'myapp'") == true)
        #expect(names.problem(with: "myapp", hasSecrets: true, needsProfile: true)?.hasPrefix("unknown provider 'myapp'; hookscope providers lists") == true)
        #expect(names.problem(with: "githb", hasSecrets: true, needsProfile: false)?.hasPrefix("unknown provider 'githb'; did you mean 'github'?") == true)
    }
}

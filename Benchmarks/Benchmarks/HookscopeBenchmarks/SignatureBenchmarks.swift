import Benchmark
import HookscopeCore

/// Verification of a correctly signed delivery for every built-in provider that documents
/// its recipe, at 1 KB and 1 MB: the verifier alone, and the whole analysis the server runs
/// per request (detection, event and delivery id, verification).
enum SignatureBenchmarks {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    static func register() {
        for profile in BuiltInProviders.all {
            guard let recipe = profile.signature else { continue }
            for (label, size) in [("1 KB", 1024), ("1 MB", 1024 * 1024)] {
                let body = Fixtures.jsonBody(size: size)
                // Standard Webhooks and its kin take base64 secrets with a prefix.
                let value = profile.name == "standard" ? "whsec_" + "c2VjcmV0LWZvci1iZW5jaG1hcmtzLTEyMzQ1Ng==" : secret
                let providerSecret = ProviderSecret(provider: profile.name, value: value, origin: "bench")
                guard let headers = try? ProviderSigner.headers(
                    for: profile, secret: providerSecret, body: body,
                    timestamp: Fixtures.now.nanosecondsSinceEpoch / 1_000_000_000, id: "msg_bench", event: "bench.event"
                ) else { continue }
                let exchange = Fixtures.exchange(body: body, headers: [HeaderField("Content-Type", "application/json")] + headers)
                let ring = SecretRing([providerSecret])
                let verifier = SignatureVerifier(secrets: ring)
                let request = SignedRequest(exchange)
                precondition(verifier.verify(request, recipe: recipe, provider: profile.name, displayName: profile.displayName).status == .valid,
                             "\(profile.name): the benchmark's own signature does not verify")
                let scale: BenchmarkScalingFactor = size > 64 * 1024 ? .one : .kilo
                Benchmark("Verify \(profile.name) (\(recipe.scheme)), \(label)", configuration: .init(scalingFactor: scale)) { benchmark in
                    for _ in benchmark.scaledIterations {
                        blackHole(verifier.verify(request, recipe: recipe, provider: profile.name, displayName: profile.displayName))
                    }
                }
                if profile.name == "teamwork" || profile.name == "stripe" {
                    let analyzer = ProviderAnalyzer(secrets: ring)
                    Benchmark("Analyze (detect + verify + fields) \(profile.name), \(label)", configuration: .init(scalingFactor: scale)) { benchmark in
                        for _ in benchmark.scaledIterations {
                            blackHole(analyzer.analyze(exchange))
                        }
                    }
                }
            }
        }
        // An unsigned JSON delivery: what every plain request costs the analyzer.
        for (label, size) in [("1 KB", 1024), ("64 KB", 64 * 1024), ("1 MB", 1024 * 1024)] {
            let exchange = Fixtures.exchange(body: Fixtures.jsonBody(size: size))
            let analyzer = ProviderAnalyzer()
            Benchmark("Analyze unsigned JSON, \(label)", configuration: .init(scalingFactor: size > 64 * 1024 ? .one : .kilo)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(analyzer.analyze(exchange))
                }
            }
        }
    }
}

import Benchmark
import HookscopeCore

/// Verification of a correctly signed delivery for every built-in provider that documents
/// its recipe, at 1 KB and 1 MB: the verifier alone, and the whole analysis the server runs
/// per request (detection, event and delivery id, verification).
enum SignatureBenchmarks {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// 41 providers with signature headers of their own, as config entries, so that with
    /// the built-ins detection chooses among 94.
    static let extraProfiles: [ProviderProfile] = {
        let entries = (0..<41).map { i in
            "  bench\(i):\n    recognise: { headers: [[X-Bench\(i)-Signature], [X-Bench\(i)-Event, X-Bench\(i)-Id]] }\n"
                + "    signature: { header: X-Bench\(i)-Signature, encoding: hex }\n"
        }
        do {
            return try ProviderConfiguration(yaml: "providers:\n" + entries.joined()).profiles
        } catch {
            preconditionFailure("bench profiles: \(error)")
        }
    }()

    /// 41 more with payload rules that name a sender alone (as Mailgun, Okta and ProductLift
    /// do), so the payload path, which walks every such entry, has as many as the catalogue
    /// could grow to (review B1).
    static let payloadProfiles: [ProviderProfile] = {
        let entries = (0..<41).map { i in
            "  payload\(i):\n    recognise: { payload: [bench\(i)_kind, bench\(i)_data], payload_alone: true }\n"
        }
        do {
            return try ProviderConfiguration(yaml: "providers:\n" + entries.joined()).profiles
        } catch {
            preconditionFailure("bench payload profiles: \(error)")
        }
    }()

    /// The nine providers hookscope knew before the catalogue (#14), in catalogue order:
    /// the "among 9" side of the comparison the issue asks for.
    static let nineOriginal: [ProviderProfile] = {
        let names: Set = ["productive", "gitproductivity", "standard", "stripe", "github", "slack", "shopify", "teamwork", "productlift"]
        let nine = BuiltInProviders.all.filter { names.contains($0.name) }
        precondition(nine.count == 9, "the nine original providers are not all in the catalogue")
        return nine
    }()

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
                    // The same among the nine providers of before the catalogue: the
                    // full catalogue must not cost more per request than this (#14).
                    let nine = ProviderAnalyzer(profiles: nineOriginal, secrets: ring)
                    Benchmark("Analyze among the 9 original providers \(profile.name), \(label)", configuration: .init(scalingFactor: scale)) { benchmark in
                        for _ in benchmark.scaledIterations {
                            blackHole(nine.analyze(exchange))
                        }
                    }
                    // The same with the 41 extra profiles tried before the catalogue's 53:
                    // what a catalogue twice as large would cost detection.
                    let crowded = ProviderAnalyzer(profiles: extraProfiles + BuiltInProviders.all, secrets: ring)
                    Benchmark("Analyze among \(extraProfiles.count + BuiltInProviders.all.count) providers \(profile.name), \(label)", configuration: .init(scalingFactor: scale)) { benchmark in
                        for _ in benchmark.scaledIterations {
                            blackHole(crowded.analyze(exchange))
                        }
                    }
                }
            }
        }
        // An unsigned JSON delivery: what every plain request costs the analyzer, with the
        // catalogue and with 82 more entries (41 with payload rules) tried before it.
        let crowded = ProviderAnalyzer(profiles: payloadProfiles + extraProfiles + BuiltInProviders.all)
        let nine = ProviderAnalyzer(profiles: nineOriginal)
        for (label, size) in [("1 KB", 1024), ("64 KB", 64 * 1024), ("1 MB", 1024 * 1024)] {
            let exchange = Fixtures.exchange(body: Fixtures.jsonBody(size: size))
            let analyzer = ProviderAnalyzer()
            Benchmark("Analyze unsigned JSON among the 9 original providers, \(label)", configuration: .init(scalingFactor: size > 64 * 1024 ? .one : .kilo)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(nine.analyze(exchange))
                }
            }
            Benchmark("Analyze unsigned JSON, \(label)", configuration: .init(scalingFactor: size > 64 * 1024 ? .one : .kilo)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(analyzer.analyze(exchange))
                }
            }
            Benchmark("Analyze unsigned JSON among 135 providers, \(label)", configuration: .init(scalingFactor: size > 64 * 1024 ? .one : .kilo)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(crowded.analyze(exchange))
                }
            }
        }
        // A delivery recognised by its payload alone (Mailgun's shape, unsigned here): the
        // payload path, with the catalogue and with the 41 payload entries before it.
        let mailgunShaped = Fixtures.exchange(body: Array(#"{"signature":{"timestamp":"1","token":"t","signature":"00"},"event-data":{"event":"delivered"}}"#.utf8))
        for (label, analyzer) in [("the catalogue", ProviderAnalyzer()), ("135 providers", crowded)] {
            precondition(analyzer.analyze(mailgunShaped).provider == "mailgun", "the payload path does not find Mailgun")
            Benchmark("Analyze a payload-only delivery (Mailgun) among \(label)", configuration: .init(scalingFactor: .kilo)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(analyzer.analyze(mailgunShaped))
                }
            }
        }
    }
}

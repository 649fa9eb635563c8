import Testing
@testable import HookscopeCore

/// A small seeded generator so a failing case can be reproduced from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ProviderPropertyTests {
    /// The nine first built-ins, recognised by their own headers; the catalogue's other
    /// entries are checked by their vectors (`CatalogueVectorTests`, pinned and unpinned)
    /// and sent by `CatalogueSendTests`.
    static let firstNine = ["productive", "gitproductivity", "standard", "stripe", "github", "slack", "shopify", "teamwork", "productlift"]
    static let signing = firstNine.filter { BuiltInProviders.named($0)?.signature != nil }

    static func randomBytes(_ count: Int, using rng: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func randomSecret(for profile: ProviderProfile, using rng: inout SplitMix64) -> String {
        if case .base64(let prefix)? = profile.signature?.secretEncoding {
            return prefix + Base64.encode(randomBytes(Int.random(in: 16...48, using: &rng), using: &rng))
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/=!@#$%^&*()")
        return String((0..<Int.random(in: 1...64, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// Sign then verify is valid for every scheme; flipping any body byte makes it invalid.
    @Test(arguments: signing)
    func signThenVerifyAndFlip(provider: String) throws {
        let profile = try #require(BuiltInProviders.named(provider))
        var rng = SplitMix64(seed: UInt64(provider.utf8.reduce(7) { $0 &* 31 &+ Int($1) }.magnitude))
        let now: Int64 = 1_700_000_000
        for round in 0..<25 {
            let secret = ProviderSecret(provider: provider, value: Self.randomSecret(for: profile, using: &rng), origin: "test")
            let body = Self.randomBytes(Int.random(in: 0...(round < 20 ? 48 : 2000), using: &rng), using: &rng)
            let headers = try ProviderSigner.headers(
                for: profile, secret: secret, body: body, timestamp: now, id: "msg_\(round)", event: "thing.happened"
            )
            let analyzer = ProviderAnalyzer(secrets: SecretRing([secret]))
            let signed = analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: body, receivedAt: now))
            #expect(signed.provider == provider, "round \(round): detected \(signed.provider ?? "nothing")")
            #expect(signed.signature.status == .valid, "round \(round): \(signed.signature.reason ?? "")")
            let positions = body.count <= 48 ? Array(body.indices) : (0..<16).map { _ in Int.random(in: body.indices, using: &rng) }
            for position in positions {
                var flipped = body
                flipped[position] ^= UInt8.random(in: 1...255, using: &rng)
                let verdict = analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: flipped, receivedAt: now)).signature
                #expect(verdict.status == .invalid, "round \(round), byte \(position): \(verdict.status)")
            }
        }
    }

    /// Header values from the network may be anything: parsing never traps, and reasons
    /// never carry control bytes to the terminal.
    @Test(arguments: signing)
    func hostileHeadersNeverCrash(provider: String) throws {
        let profile = try #require(BuiltInProviders.named(provider))
        let recipe = try #require(profile.signature)
        var rng = SplitMix64(seed: 42)
        var hostile = [
            "", " ", "=", ",,,,", "t=", "s=", "v1,", "sha256=", "v0=", String(repeating: "t=1,", count: 10_000),
            String(repeating: "a", count: 200_000), "t=99999999999999999999999999999999,s=00",
            "t=-1,s=" + String(repeating: "0", count: 64), "t=1e9,v1=zz", "v1,====", "\u{1b}[31mred\u{7}",
            "sha256=\u{0}\u{1}\u{2}", "t=1,s=\u{202e}abc", String(repeating: "v1,AAAA ", count: 5_000),
            "t=1,t=2,s=" + String(repeating: "ab", count: 32), "t=" + String(repeating: "9", count: 5_000) + ",s=00",
        ]
        for _ in 0..<300 {
            let bytes = Self.randomBytes(Int.random(in: 0...120, using: &rng), using: &rng)
            hostile.append(String(decoding: bytes, as: UTF8.self))
        }
        let secret = ProviderSecret(provider: provider, value: Self.randomSecret(for: profile, using: &rng), origin: "test")
        let analyzer = ProviderAnalyzer(secrets: SecretRing([secret]), pins: ProviderPins(everywhere: provider))
        for value in hostile {
            _ = SignatureHeaderParser.parse(value, format: recipe.format, encoding: recipe.encoding)
            for encoding in DigestEncoding.allCases {
                _ = SignatureHeaderParser.parse(value, format: .keyValueList(timestampKey: "t", signatureKey: "s", separator: ","), encoding: encoding)
                _ = SignatureHeaderParser.parse(value, format: .versionedList(version: "v1"), encoding: encoding)
                _ = SignatureHeaderParser.parse(value, format: .digest(prefix: "sha256="), encoding: encoding)
            }
            var headers = [HeaderField(recipe.header, value)]
            if let t = recipe.timestampHeader { headers.append(HeaderField(t, value)) }
            if let i = recipe.idHeader { headers.append(HeaderField(i, value)) }
            let verdict = analyzer.analyze(path: "/", request: SignedRequest(headers: headers, body: Array(value.utf8), receivedAt: 0)).signature
            #expect(verdict.status != .valid)
            let reason = verdict.reason ?? ""
            #expect(!reason.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x202A...0x202E).contains($0.value) })
            #expect(reason.count < 2_000, "reason too long: \(reason.count)")
        }
    }

    /// The parser splits ASCII values by bytes: the pieces must be the ones splitting by
    /// characters gives, for random values over separators, spaces, CR LF and marks.
    @Test func byteSplittingMatchesCharacterSplitting() {
        var rng = SplitMix64(seed: 42)
        let pieces: [String] = [",", " ", "=", "t", "v1", "ab", "\r\n", "\r", "\n", "\t", "\u{301}", "é", "😀"]
        for round in 0..<2_000 {
            // Half the rounds stay ASCII, so the byte path is the one taken.
            let alphabet = round % 2 == 0 ? pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : pieces
            let value = (0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            for separator: Character in [",", " ", "\r\n", "\u{301}"] {
                #expect(SignatureHeaderParser.split(value, separator: separator) == value.split(separator: separator),
                        "value \(value.debugDescription), separator \(separator.debugDescription)")
            }
        }
    }

    @Test func repeatedTimestampIsMalformed() {
        let result = SignatureHeaderParser.parse(
            String(repeating: "t=1,", count: 1000) + "s=" + String(repeating: "ab", count: 32),
            format: .keyValueList(timestampKey: "t", signatureKey: "s", separator: ","), encoding: .hex
        )
        #expect(result == .failure(MalformedSignature("t= appears 1000 times; a signature has one timestamp")))
    }
}

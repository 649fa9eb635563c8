import Testing
@testable import HookscopeCore

/// The byte-level decoders (issue 16) must return what the `JSONSerialization` ones did,
/// exchange for exchange and error for error (`ReferenceExchangeDecoder` is the old code).
@Suite struct ExchangeDecodingPropertyTests {
    enum Outcome: Equatable {
        case exchange(Exchange)
        case answer(RemoteForwardAnswer)
        case error(String)
    }

    static func outcome(_ decode: () throws -> Exchange) -> Outcome {
        do { return .exchange(try decode()) } catch { return .error("\(error)") }
    }

    static func answerOutcome(_ decode: () throws -> RemoteForwardAnswer) -> Outcome {
        do { return .answer(try decode()) } catch { return .error("\(error)") }
    }

    /// Whether the text has a number `JSONObjectText` reads otherwise on purpose
    /// (`JSONObjectTextTests.numbersPast64BitsOrDoublesPrecisionAreTheNearestDouble`): an
    /// integer past 64 bits, a fraction or exponent with more than 17 digits, or one past
    /// Int64's range (as an id or status: NSNumber's intValue). Looked for
    /// anywhere, strings included: that only leaves out a few more lines.
    static func hasNumberReadOtherwise(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "-") || (bytes[index] >= 0x30 && bytes[index] <= 0x39) else { index += 1; continue }
            let start = index
            index += 1
            while index < bytes.count, "0123456789.eE+-".utf8.contains(bytes[index]) { index += 1 }
            let token = String(decoding: bytes[start..<index], as: UTF8.self)
            let digits = token.split(whereSeparator: { $0 == "e" || $0 == "E" }).first.map { $0.filter(\.isNumber).drop { $0 == "0" } } ?? ""
            let isInteger = !token.contains(where: { ".eE".contains($0) })
            if isInteger ? (Int64(token) == nil && UInt64(token) == nil && digits.count >= 19) : digits.count > 17 { return true }
            // Past Int64 with an exponent: Foundation's intValue is then sometimes Int.min
            // (`1e30`), sometimes wrapped (`1234567890123456E8`); Int.min here.
            if !isInteger, let value = Double(token), abs(value) >= 0x1p63 { return true }
        }
        return false
    }

    static func expectSame(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard !hasNumberReadOtherwise(line) else { return }
        let new = outcome { try ExchangeJSONLines.decode(line) }
        let old = outcome { try ReferenceExchangeDecoder.decode(line) }
        #expect(new == old, "line: \(line)", sourceLocation: sourceLocation)
    }

    @Test func randomLinesDecodeAsJSONSerializationDecodedThem() {
        var generator = ExchangeLineGenerator(rng: SplitMix64(seed: 16))
        var decoded = 0, refused = 0
        for _ in 0..<3000 {
            let line = generator.line()
            let new = Self.outcome { try ExchangeJSONLines.decode(line) }
            #expect(new == Self.outcome { try ReferenceExchangeDecoder.decode(line) }, "line: \(line)")
            if case .exchange = new { decoded += 1 } else { refused += 1 }
        }
        // Both kinds are exercised, not only one.
        #expect(decoded > 300)
        #expect(refused > 300)
    }

    @Test func mutatedLinesDecodeOrFailAsJSONSerializationDid() {
        var generator = ExchangeLineGenerator(rng: SplitMix64(seed: 1616))
        for _ in 0..<3000 {
            Self.expectSame(generator.mutated(generator.line()))
        }
    }

    @Test func encodedExchangesDecodeAsJSONSerializationDecodedThem() {
        var rng = SplitMix64(seed: 0x16)
        for _ in 0..<400 {
            let exchange = Self.randomExchange(using: &rng)
            let line = ExchangeJSONLines.encode(exchange)
            Self.expectSame(line)
            var generator = ExchangeLineGenerator(rng: rng)
            Self.expectSame(generator.mutated(line))
            rng = generator.rng
        }
    }

    @Test func forwardersAnswersDecodeAsJSONSerializationDecodedThem() {
        var generator = ExchangeLineGenerator(rng: SplitMix64(seed: 0xF0))
        var decoded = 0
        for round in 0..<3000 {
            let json = round % 3 == 2 ? generator.mutated(generator.answer()) : generator.answer()
            if Self.hasNumberReadOtherwise(json) { continue }
            let body: [UInt8] = [0, 1, 0xFF]
            let new = Self.answerOutcome { try RemoteForwardAnswer.decode(json, answerBody: body, upstreamBody: [7]) }
            let old = Self.answerOutcome { try ReferenceExchangeDecoder.decodeAnswer(json, answerBody: body, upstreamBody: [7]) }
            #expect(new == old, "json: \(json)")
            if case .answer = new { decoded += 1 }
        }
        #expect(decoded > 100)
        var rng = SplitMix64(seed: 0xF1)
        for _ in 0..<200 {
            let exchange = Self.randomExchange(using: &rng)
            let upstream = UpstreamResponse(url: "http://localhost:3000" + exchange.target, status: Bool.random(using: &rng) ? 201 : nil,
                                            headers: exchange.headers, durationMilliseconds: Double(Int.random(in: 0...99_999, using: &rng)) / 1000,
                                            error: Bool.random(using: &rng) ? "refused \u{1F600}" : nil, timedOut: Bool.random(using: &rng),
                                            route: "/stripe/**", forwardedBy: "ana@laptop", forwarder: "f-1")
            let answer = RemoteForwardAnswer(answer: PlannedAnswer(status: 202, headers: exchange.headers, body: [1], source: .forward), upstream: upstream)
            let json = answer.encoded()
            let new = Self.answerOutcome { try RemoteForwardAnswer.decode(json, answerBody: [1], upstreamBody: []) }
            #expect(new == Self.answerOutcome { try ReferenceExchangeDecoder.decodeAnswer(json, answerBody: [1], upstreamBody: []) })
            #expect(new == .answer(answer), "json: \(json)")
        }
    }

    static func randomText(using rng: inout SplitMix64) -> String {
        let pieces = ["a", "Zürich", "\"quoted\"", "back\\slash", "tab\t", "nl\n", "\u{0}", "\u{1F}", "😀", "€", "/", "\u{7F}", "plain text "]
        return (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func randomExchange(using rng: inout SplitMix64) -> Exchange {
        let body: [UInt8]
        switch Int.random(in: 0...2, using: &rng) {
        case 0: body = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        case 1: body = Array(randomText(using: &rng).utf8)
        default: body = Array(#"{"type":"evt","data":{"n":"\u00e9\"x\""}}"#.utf8)
        }
        let headers = (0..<Int.random(in: 0...4, using: &rng)).map { _ in HeaderField(randomText(using: &rng), randomText(using: &rng)) }
        var exchange = Exchange(
            id: Int.random(in: 0...1_000_000, using: &rng), receivedAt: Timestamp(nanosecondsSinceEpoch: Int64.random(in: 0...2_000_000_000_000_000_000, using: &rng)),
            remote: "127.0.0.1:5000", method: Bool.random(using: &rng) ? "POST" : randomText(using: &rng),
            target: "/hooks/" + randomText(using: &rng) + (Bool.random(using: &rng) ? "?a=1&b=é" : ""),
            headers: headers, body: body)
        exchange.bodyTruncated = Bool.random(using: &rng)
        if Bool.random(using: &rng) {
            exchange.analysis.provider = randomText(using: &rng)
            exchange.analysis.event = "invoice.paid"
            exchange.analysis.attempt = Int.random(in: 1...5, using: &rng)
        }
        if Bool.random(using: &rng) {
            exchange.response = ExchangeResponse(status: 200, headers: headers, body: Array(randomText(using: &rng).utf8), source: .rule,
                                                 durationMilliseconds: Double(Int.random(in: 0...99_999, using: &rng)) / 1000)
        }
        if Int.random(in: 0...3, using: &rng) == 0 {
            exchange.upstream = UpstreamResponse(url: "http://localhost:3000/x", status: 201, durationMilliseconds: 1.5,
                                                 route: "/x", forwardedBy: "ana@laptop", forwarder: "f", roundTripMilliseconds: 12.25)
        }
        if Int.random(in: 0...3, using: &rng) == 0 {
            exchange.relay = ExchangeRelay(kind: "smee", host: "smee.io", channelTag: "abc", bodyIsExact: Bool.random(using: &rng))
        }
        if Int.random(in: 0...5, using: &rng) == 0 { exchange.rejection = "too large: " + randomText(using: &rng) }
        return exchange
    }
}

import Testing
@testable import HookscopeCore

/// The line's other members, written without a `String` in between: integers, durations,
/// the timestamp, and the target's path and query. Held to the `String`-based forms they
/// replaced.
@Suite struct JSONWriterNumberTests {
    /// `milliseconds` as it was written before, through `String`.
    static func referenceMilliseconds(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let thousandths = Int((value * 1000).rounded())
        let whole = thousandths / 1000
        let fraction = abs(thousandths % 1000)
        var text = thousandths < 0 && whole == 0 ? "-0" : String(whole)
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    @Test func integersAreTheirDecimalDigits() {
        var rng = SplitMix64(seed: 10)
        let values = [0, 1, -1, 9, 10, 99, 100, 12_345, -12_345, Int.max, Int.min, Int.max - 1, Int.min + 1]
            + (0..<2_000).map { _ in Int.random(in: Int.min...Int.max, using: &rng) >> Int.random(in: 0...63, using: &rng) }
        for value in values {
            var writer = JSONWriter()
            writer.int(value)
            #expect(writer.string == String(value))
        }
    }

    @Test func durationsMatchTheStringForm() {
        var rng = SplitMix64(seed: 11)
        let values: [Double] = [0, -0.0, 0.0004, 0.0005, 0.05, 0.1, 0.5, 1, 1.5, 1.05, 1.005, 1.0005, -0.25, -0.0004, -1.5, -2.001,
                                12.34, 999.9999, 1e9, .nan, .infinity, -.infinity]
            + (0..<2_000).map { _ in Double.random(in: -100_000...100_000, using: &rng) }
            + (0..<1_000).map { _ in Double(Int.random(in: -5_000...5_000, using: &rng)) / 1000 }
        for value in values {
            var writer = JSONWriter()
            writer.milliseconds(value)
            #expect(writer.string == Self.referenceMilliseconds(value), "\(value)")
        }
    }

    /// A duration read back from a save file or the store can be any number; one past what
    /// an `Int` of thousandths holds is written as a JSON number, not a trap (review
    /// session 20 A, M3).
    @Test func hugeDurationsAreWrittenNotTrapped() {
        for (value, text) in [(1e300, "1e+300"), (-1e300, "-1e+300"), (1e15, "1000000000000000.0"), (9.2e18, "9.2e+18")] {
            var writer = JSONWriter()
            writer.milliseconds(value)
            #expect(writer.string == text)
        }
        var writer = JSONWriter()
        writer.milliseconds(999_999_999_999_999)   // the largest whole value below the cut
        #expect(writer.string == Self.referenceMilliseconds(999_999_999_999_999))
    }

    @Test func theTimestampIsTheQuotedRFC3339Text() {
        var rng = SplitMix64(seed: 12)
        let limit: Int64 = 1 << 62
        let times = [0, 1, -1, 999_999, -1_000_000, limit, -limit]
            + (0..<2_000).map { _ in Int64.random(in: -limit...limit, using: &rng) }
        for nanoseconds in times {
            let timestamp = Timestamp(nanosecondsSinceEpoch: nanoseconds)
            var writer = JSONWriter()
            writer.timestamp(timestamp)
            #expect(writer.string == "\"" + timestamp.rfc3339 + "\"")
            #expect(timestamp.rfc3339.utf8.count == 24)
        }
    }

    @Test func pathAndQuerySplitAtTheFirstQuestionMark() {
        let cases: [(String, String, String?)] = [
            ("/", "/", nil), ("/a?b=1", "/a", "b=1"), ("/a?", "/a", ""), ("?x", "", "x"), ("/a?b?c", "/a", "b?c"),
            ("/é/ü?q=ß", "/é/ü", "q=ß"), ("/plain", "/plain", nil), ("", "", nil),
        ]
        for (target, path, query) in cases {
            let exchange = Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "r", method: "POST", target: target,
                                    headers: [], body: [])
            #expect(exchange.path == path, "\(target)")
            #expect(exchange.query == query, "\(target)")
        }
    }
}

import Foundation
import Testing
@testable import HookscopeCore

@Suite struct TimestampTests {
    @Test func formatsLikeFoundationsISO8601WithMilliseconds() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        for _ in 0..<500 {
            let ms = Int64.random(in: -2_000_000_000_000...5_000_000_000_000)
            let ts = Timestamp(nanosecondsSinceEpoch: ms * 1_000_000)
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
            #expect(ts.rfc3339 == expected)
        }
    }

    /// A store row's time may be `infinity` or outside 1677-2262 (review M5): held, never a trap,
    /// and still printable; ordinary times come through to the millisecond.
    @Test func clampsTimesThatDoNotFit() {
        let limit = Timestamp.farthest
        #expect(Timestamp(clampingSecondsSinceEpoch: .infinity).nanosecondsSinceEpoch == limit)
        #expect(Timestamp(clampingSecondsSinceEpoch: -.infinity).nanosecondsSinceEpoch == -limit)
        #expect(Timestamp(clampingSecondsSinceEpoch: 1e15).nanosecondsSinceEpoch == limit)
        #expect(Timestamp(clampingSecondsSinceEpoch: .nan).nanosecondsSinceEpoch == 0)
        #expect(Timestamp(clampingSecondsSinceEpoch: 1_764_547_200.1234).nanosecondsSinceEpoch == 1_764_547_200_123_000_000)
        #expect(Timestamp(clampingSecondsSinceEpoch: -1.5).nanosecondsSinceEpoch == -1_500_000_000)
        #expect(Timestamp(nanosecondsSinceEpoch: limit).rfc3339 == "2116-02-20T23:53:38.427Z")
        #expect(Timestamp(nanosecondsSinceEpoch: -limit).rfc3339.hasPrefix("1823-"))
    }

    @Test func parsesWhatItFormats() {
        for _ in 0..<500 {
            // Up to 2^62 ns (year 2116): past it a parsed time is held there.
            let ms = Int64.random(in: 0...4_611_686_018_427)
            let ts = Timestamp(nanosecondsSinceEpoch: ms * 1_000_000)
            #expect(Timestamp(rfc3339: ts.rfc3339) == ts)
        }
    }

    @Test func parsesOffsetsAndFractions() {
        #expect(Timestamp(rfc3339: "2026-03-19T10:30:00Z")?.rfc3339 == "2026-03-19T10:30:00.000Z")
        #expect(Timestamp(rfc3339: "2026-03-19T12:30:00.5+02:00")?.rfc3339 == "2026-03-19T10:30:00.500Z")
        #expect(Timestamp(rfc3339: "2022-06-01T18:17:37.808782Z")?.rfc3339 == "2022-06-01T18:17:37.808Z")
        #expect(Timestamp(rfc3339: "2026-13-01T00:00:00Z") == nil)
        #expect(Timestamp(rfc3339: "yesterday") == nil)
        #expect(Timestamp(rfc3339: "2026-03-19T10:30:00") == nil)
        #expect(Timestamp(rfc3339: "2026-03-19T10:30:00Zjunk") == nil)
    }

    /// Found by the FuzzLoad fuzzer: a year far outside Int64 nanoseconds trapped on overflow.
    @Test func yearsBeyondTheRepresentableRangeAreRefusedNotTrapped() {
        #expect(Timestamp(rfc3339: "1013-11-23T19:05:02.123Z") == nil)
        #expect(Timestamp(rfc3339: "9999-12-31T23:59:59.999Z") == nil)
        #expect(Timestamp(rfc3339: "2262-04-11T23:47:16.854Z") != nil)
        #expect(Timestamp(rfc3339: "1677-09-21T00:12:44Z") != nil)
    }
}

@Suite struct Base64Tests {
    @Test func matchesFoundation() {
        for n in 0..<100 {
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255) }
            let encoded = Base64.encode(bytes)
            #expect(encoded == Data(bytes).base64EncodedString())
            #expect(Base64.decode(encoded) == bytes)
        }
    }

    @Test func rejectsGarbage() {
        #expect(Base64.decode("ab$c") == nil)
        #expect(Base64.decode("a=b") == nil)
        #expect(Base64.decode("YWJj") == Array("abc".utf8))
        #expect(Base64.decode("YWI") == Array("ab".utf8))
    }
}

@Suite struct ByteSizeTests {
    @Test func parsesUnits() {
        #expect(ByteSize(parsing: "10485760")?.bytes == 10_485_760)
        #expect(ByteSize(parsing: "512k")?.bytes == 512 * 1024)
        #expect(ByteSize(parsing: "10MiB")?.bytes == 10 * 1024 * 1024)
        #expect(ByteSize(parsing: "1.5 GB")?.bytes == 1536 * 1024 * 1024)
        #expect(ByteSize(parsing: "ten") == nil)
        #expect(ByteSize(parsing: "5 parsecs") == nil)
    }

    /// A time from a save file or HAR near the ends of what nanoseconds in an Int64 hold is
    /// held at ±(2^62 − 1) ns, so that the difference of two times and a zone's offset still fit
    /// (review session 20 C, M2).
    @Test func farTimesAreHeldWhereDifferencesStillFit() throws {
        let late = try #require(Timestamp(rfc3339: "2262-04-11T23:47:16.854Z"))
        let early = try #require(Timestamp(rfc3339: "1677-09-22T00:00:00Z"))
        #expect(late.nanosecondsSinceEpoch == Timestamp.farthest)
        #expect(early.nanosecondsSinceEpoch == -Timestamp.farthest)
        let (_, overflow) = late.nanosecondsSinceEpoch.subtractingReportingOverflow(early.nanosecondsSinceEpoch)
        #expect(!overflow)
        #expect(Timestamp(rfc3339: "2026-11-23T19:05:02.123Z")?.rfc3339 == "2026-11-23T19:05:02.123Z")
        #expect(Timestamp(rfc3339: "9999-01-01T00:00:00Z") == nil, "outside nanoseconds' range: no instant")
    }
}

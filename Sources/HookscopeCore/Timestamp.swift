#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A wall-clock instant with nanosecond resolution, cheap to take and to compare.
public struct Timestamp: Sendable, Hashable, Comparable {
    public var nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    public init(secondsSinceEpoch: Double) {
        self.nanosecondsSinceEpoch = Int64((secondsSinceEpoch * 1e9).rounded())
    }

    /// A time from outside (a row in the store, edited by hand or written by a newer
    /// writer) that may not fit: `infinity`, or years before 1824 or after 2116, are held
    /// at ±(2^62 − 1) ns (`farthest`) instead of trapping. Under half the range, so that the difference of any two
    /// held times still fits an Int64 (durations and gaps are computed by subtraction).
    /// Whole milliseconds, as the store keeps them.
    public init(clampingSecondsSinceEpoch seconds: Double) {
        let limit = Self.farthest
        let milliseconds = (seconds * 1_000).rounded()
        if milliseconds.isNaN {
            self.init(nanosecondsSinceEpoch: 0)
        } else if milliseconds.magnitude < Double(limit / 1_000_000) {
            self.init(nanosecondsSinceEpoch: Int64(milliseconds) * 1_000_000)
        } else {
            self.init(nanosecondsSinceEpoch: milliseconds < 0 ? -limit : limit)
        }
    }

    /// How far from 1970 a time from outside is held, in nanoseconds: just under 2^62, so
    /// that the difference of any two held times (2 × this at most) fits an Int64.
    public static let farthest: Int64 = (1 << 62) - 1

    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(nanosecondsSinceEpoch: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }

    public var secondsSinceEpoch: Double { Double(nanosecondsSinceEpoch) / 1e9 }

    public var millisecondsSinceEpoch: Int64 {
        nanosecondsSinceEpoch >= 0
            ? nanosecondsSinceEpoch / 1_000_000
            : -((-nanosecondsSinceEpoch + 999_999) / 1_000_000)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// Milliseconds from `self` to `later`.
    public func milliseconds(until later: Timestamp) -> Double {
        Double(later.nanosecondsSinceEpoch - nanosecondsSinceEpoch) / 1e6
    }
}

/// A monotonic instant for measuring durations; never goes backwards with the wall clock.
public struct MonotonicInstant: Sendable, Hashable, Comparable {
    public var nanoseconds: UInt64

    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    public static func now() -> MonotonicInstant {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return MonotonicInstant(nanoseconds: UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec))
    }

    public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    public func milliseconds(until later: MonotonicInstant) -> Double {
        later.nanoseconds >= nanoseconds ? Double(later.nanoseconds - nanoseconds) / 1e6 : 0
    }
}

import HookscopeCore

/// Requests per second over the last few seconds, from (time, captured count) samples
/// taken on clock ticks: no per-request work, and deterministic given the ticks.
public struct RateMeter: Sendable, Equatable {
    static let window: Int64 = 5_000_000_000
    private var samples: [(at: Int64, captured: Int)] = []

    public init() {}

    public mutating func record(at time: Timestamp, captured: Int) {
        samples.append((time.nanosecondsSinceEpoch, captured))
        while let first = samples.first, samples.count > 2, time.nanosecondsSinceEpoch - first.at > Self.window {
            samples.removeFirst()
        }
    }

    /// nil until there is at least a second of history.
    public var perSecond: Double? {
        guard let first = samples.first, let last = samples.last, last.at - first.at >= 1_000_000_000 else { return nil }
        return Double(max(0, last.captured - first.captured)) / (Double(last.at - first.at) / 1e9)
    }

    public static func == (lhs: RateMeter, rhs: RateMeter) -> Bool {
        lhs.samples.elementsEqual(rhs.samples) { $0.at == $1.at && $0.captured == $1.captured }
    }
}

/// How long to wait before starting a way in again (a tunnel program that exited, a smee
/// stream that ended): 1, 2, 4, … up to 60 s, so one that cannot start (no authtoken, no
/// network) is not hammered, and back to 1 s after a run long enough to call it working.
public struct RestartBackoff: Sendable, Equatable {
    public static let firstDelay = 1
    public static let longestDelay = 60
    /// A run this long was a working tunnel, not a failed start.
    public static let healthyRunSeconds = 60.0

    public private(set) var failuresInARow = 0

    public init() {}

    /// The seconds to wait after a child that ran `ranSeconds` exited.
    public mutating func delayAfterExit(ranSeconds: Double) -> Int {
        if ranSeconds >= Self.healthyRunSeconds { failuresInARow = 0 }
        let delay = min(Self.longestDelay, Self.firstDelay << min(failuresInARow, 6))
        failuresInARow += 1
        return delay
    }
}

/// Productive deactivates an integration "if three sequential events are unsuccessful".
/// Counts, newest first, the events whose latest answer from hookscope was a failure:
/// the run the warning is about. An event counts as unsuccessful when our last answer to
/// it failed (the seed does not say whether it means after every retry).
public enum SequentialFailures {
    /// Productive's documented limit.
    public static let productiveLimit = 3

    /// - Parameter latestFailed: for each event, oldest first, whether our latest answer
    ///   to it was a failure.
    public static func trailingRun(_ latestFailed: [Bool]) -> Int {
        latestFailed.reversed().prefix { $0 }.count
    }
}

/// The longest wait a user may ask for, in milliseconds: one day. NIO's `TimeAmount`
/// counts nanoseconds in an Int64 and traps on overflow, so a delay, trickle interval or
/// timeout read from the command line, the config file or the picker is refused above
/// this when it is read, never multiplied on an event loop.
public enum WaitLimit {
    public static let maximumMilliseconds = 86_400_000

    /// Why `milliseconds` cannot be used for `name`, or nil when it can.
    public static func problem(_ name: String, milliseconds: Int, minimum: Int = 0) -> String? {
        guard milliseconds < minimum || milliseconds > maximumMilliseconds else { return nil }
        return "\(name) must be between \(minimum) and \(maximumMilliseconds) ms (one day), got \(milliseconds)"
    }
}

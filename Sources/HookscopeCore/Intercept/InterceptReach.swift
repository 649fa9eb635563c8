/// Which listeners a shared intercept reaches, for the line of whoever turned it on
/// (review M2): the listeners on the store now, and that one without a terminal UI of its
/// own holds requests only while a terminal UI is attached to the store.
public enum InterceptReach {
    /// `listeners` by name and `watchers` (user@host) as they announced themselves on the
    /// store: escaped here, since anyone who can connect chose them.
    public static func describe(listeners: [String], watchers: [String]) -> String {
        guard !listeners.isEmpty else { return "no listener is on the store now" }
        let reached = "reaches \(CountWords.format(listeners.count, "listener")) (\(TerminalSafeText.string(listeners.joined(separator: ", "))))"
        let rule = "; one without a terminal UI of its own holds only while a terminal UI is attached"
        guard !watchers.isEmpty else { return reached + rule + " (none is: it answers at once)" }
        return reached + rule + " (now: \(TerminalSafeText.string(watchers.joined(separator: ", "))))"
    }
}

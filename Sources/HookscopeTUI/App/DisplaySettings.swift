/// How things are drawn on this terminal.
public struct DisplaySettings: Sendable, Equatable {
    /// Unicode marks and rules, or ASCII when the locale is not UTF-8.
    public var unicode: Bool
    /// Offset added to UTC for the time column; tests use 0.
    public var utcOffsetSeconds: Int

    public init(unicode: Bool = true, utcOffsetSeconds: Int = 0) {
        self.unicode = unicode
        self.utcOffsetSeconds = utcOffsetSeconds
    }
}

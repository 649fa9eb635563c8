/// Durations in the words a reason uses: `42 s`, `12 min 3 s`, `2 h 5 min`, `3 d 4 h`.
public enum DurationWords {
    public static func format(seconds: Int64) -> String {
        let s = seconds.magnitude
        switch s {
        case ..<60: return "\(s) s"
        case ..<3600: return join(s / 60, "min", s % 60, "s")
        case ..<86400: return join(s / 3600, "h", s % 3600 / 60, "min")
        default: return join(s / 86400, "d", s % 86400 / 3600, "h")
        }
    }

    private static func join(_ big: UInt64, _ bigUnit: String, _ small: UInt64, _ smallUnit: String) -> String {
        small == 0 ? "\(big) \(bigUnit)" : "\(big) \(bigUnit) \(small) \(smallUnit)"
    }
}

import HookscopeCore

/// Times of day for the list, in the zone the settings say (UTC in tests).
enum ClockText {
    /// `19:05:02.123`, or `19:05:02` when `milliseconds` is false.
    static func time(_ timestamp: Timestamp, utcOffsetSeconds: Int, milliseconds: Bool = true) -> String {
        let shifted = Timestamp(nanosecondsSinceEpoch: timestamp.nanosecondsSinceEpoch + Int64(utcOffsetSeconds) * 1_000_000_000)
        let text = shifted.rfc3339            // 2026-11-23T19:05:02.123Z
        let start = text.index(text.startIndex, offsetBy: 11)
        let end = text.index(start, offsetBy: milliseconds ? 12 : 8)
        return String(text[start..<end])
    }

    /// `2026-11-23 19:05:02.123 UTC` (or `+02:00`).
    static func dateTime(_ timestamp: Timestamp, utcOffsetSeconds: Int) -> String {
        let shifted = Timestamp(nanosecondsSinceEpoch: timestamp.nanosecondsSinceEpoch + Int64(utcOffsetSeconds) * 1_000_000_000)
        let text = shifted.rfc3339
        let day = text.prefix(10)
        let time = text.dropFirst(11).dropLast()
        return "\(day) \(time) \(zoneName(utcOffsetSeconds))"
    }

    static func zoneName(_ offset: Int) -> String {
        if offset == 0 { return "UTC" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let hh = minutes / 60, mm = minutes % 60
        return "\(sign)\(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}

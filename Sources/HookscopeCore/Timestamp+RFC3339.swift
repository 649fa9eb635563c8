extension Timestamp {
    /// `2026-11-23T19:05:02.123Z`: RFC 3339, UTC, always with milliseconds.
    public var rfc3339: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendRFC3339(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of `rfc3339`, appended: a JSON line writes its timestamp without a
    /// `String` in between.
    public func appendRFC3339(to bytes: inout [UInt8]) {
        let ms = millisecondsSinceEpoch
        var days = ms / 86_400_000
        var msOfDay = ms % 86_400_000
        if msOfDay < 0 {
            msOfDay += 86_400_000
            days -= 1
        }
        let (year, month, day) = Self.civilDate(fromDaysSinceEpoch: days)
        // A timestamp is Int64 nanoseconds, 1677–2262: the year always has four digits.
        // The 24 bytes are composed on the stack and appended once, not one append a byte.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { out in
            let o = out.baseAddress.unsafelyUnwrapped
            putDigits(year, 4, o)
            o[4] = UInt8(ascii: "-")
            putDigits(month, 2, o + 5)
            o[7] = UInt8(ascii: "-")
            putDigits(day, 2, o + 8)
            o[10] = UInt8(ascii: "T")
            putTimeOfDay(msOfDay, o + 11)
            o[23] = UInt8(ascii: "Z")
            bytes.append(contentsOf: UnsafeBufferPointer(out))
        }
    }

    /// `19:05:02.123`, the time of day in UTC as `rfc3339` writes it (the headless line's
    /// first column), appended.
    public func appendTimeOfDay(to bytes: inout [UInt8]) {
        let msOfDay = millisecondsSinceEpoch % 86_400_000
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { out in
            putTimeOfDay(msOfDay < 0 ? msOfDay + 86_400_000 : msOfDay, out.baseAddress.unsafelyUnwrapped)
            bytes.append(contentsOf: UnsafeBufferPointer(out))
        }
    }

    /// Parses RFC 3339 timestamps such as `2026-11-23T19:05:02.123Z` or with `+02:00`;
    /// any number of fraction digits; nil when the text is not one.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= b.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard b.count >= 20,
              let year = number(0, 4), b[4] == UInt8(ascii: "-"),
              let month = number(5, 2), b[7] == UInt8(ascii: "-"),
              let day = number(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              let hour = number(11, 2), b[13] == UInt8(ascii: ":"),
              let minute = number(14, 2), b[16] == UInt8(ascii: ":"),
              let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var nanos: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale: Int64 = 100_000_000
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                nanos += Int64(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offsetSeconds: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard let oh = number(i + 1, 2), b.count > i + 3, b[i + 3] == UInt8(ascii: ":"),
                  let om = number(i + 4, 2) else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        // Nanoseconds in an Int64 reach from 1677 to 2262; outside that there is no instant.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (total, overflow2) = scaled.addingReportingOverflow(nanos)
        guard !overflow2 else { return nil }
        // Held at ±`farthest` (years 1824 and 2116) as `init(clampingSecondsSinceEpoch:)` holds
        // the store's times: a save file or HAR can say anything, and the screens subtract
        // two times and add the zone's offset (review session 20 C, M2: a time near 2262
        // trapped the terminal UI).
        self.init(nanosecondsSinceEpoch: min(max(total, -Self.farthest), Self.farthest))
    }

    // Howard Hinnant's days-from-civil and civil-from-days algorithms.
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilDate(fromDaysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// The `width` last decimal digits of `value` (0 or more), with leading zeros, at `out`.
@inline(__always)
private func putDigits(_ value: Int64, _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
    var rest = value
    var index = width
    while index > 0 {
        index -= 1
        out[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
    }
}

/// `HH:MM:SS.mmm` of `msOfDay` (0 ..< 86 400 000), twelve bytes at `out`.
@inline(__always)
private func putTimeOfDay(_ msOfDay: Int64, _ out: UnsafeMutablePointer<UInt8>) {
    putDigits(msOfDay / 3_600_000, 2, out)
    out[2] = UInt8(ascii: ":")
    putDigits(msOfDay / 60_000 % 60, 2, out + 3)
    out[5] = UInt8(ascii: ":")
    putDigits(msOfDay / 1000 % 60, 2, out + 6)
    out[8] = UInt8(ascii: ".")
    putDigits(msOfDay % 1000, 3, out + 9)
}

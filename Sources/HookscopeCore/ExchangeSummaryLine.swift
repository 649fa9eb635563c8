/// The readable one-line form printed per exchange without a terminal UI:
/// `19:05:02.123 POST /hooks?x=1  200  1.2 KB  0.3 ms  teamwork deals.created ✓ valid`.
/// `unicode` false (a locale that is not UTF-8) writes the marks in ASCII.
public enum ExchangeSummaryLine {
    public static func format(_ exchange: Exchange, unicode: Bool = true) -> String {
        var line: [UInt8] = []
        append(exchange, unicode: unicode, to: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// `format`'s bytes, appended to `line`. The headless printer writes one per delivery:
    /// built as a `String` piece by piece (`+=`, interpolation), the line cost ~22 k
    /// instructions, an eighth of a whole 1 KB capture (callgrind, issue #18); written as
    /// bytes into the printer's own buffer it costs a fraction of that.
    public static func append(_ exchange: Exchange, unicode: Bool = true, to line: inout [UInt8]) {
        JSONWriter.appending(to: &line) { out in
            exchange.receivedAt.appendTimeOfDay(to: &out.bytes)
            out.raw(" #")
            out.int(exchange.id)
            out.raw(" ")
            TerminalSafeText.append(exchange.method, to: &out.bytes)
            out.raw(" ")
            TerminalSafeText.append(exchange.target, to: &out.bytes)
            if let response = exchange.response {
                out.raw("  ")
                if let status = response.status { out.int(status) } else { out.raw("---") }
            } else {
                out.raw("  ...")
            }
            out.raw("  ")
            ByteCountText.append(exchange.bodySize, to: &out)
            if exchange.bodyTruncated { out.raw(" (truncated)") }
            if let rejection = exchange.rejection {
                out.raw("  rejected: ")
                TerminalSafeText.append(rejection, to: &out.bytes)
            }
            if let response = exchange.response {
                out.raw("  ")
                DurationText.append(milliseconds: response.durationMilliseconds, to: &out)
                if response.source != .default {
                    out.raw(" [")
                    out.raw(response.source.rawValue)
                    out.raw("]")
                }
            }
            if exchange.analysis.hasSummaryText {
                out.raw("  ")
                exchange.analysis.appendSummaryText(unicode: unicode, to: &out.bytes)
            }
            if exchange.analysis.attempt > 1 {
                out.raw("  attempt ")
                out.int(exchange.analysis.attempt)
                if let change = exchange.analysis.retryChange {
                    out.raw(" (")
                    out.raw(change)
                    out.raw(")")
                }
            }
        }
    }
}

/// Human-readable byte counts: `512 B`, `1.2 KB`, `5.0 MB`.
public enum ByteCountText {
    public static func format(_ count: Int) -> String {
        var text = JSONWriter(reservingCapacity: 16)
        append(count, to: &text)
        return text.string
    }

    static func append(_ count: Int, to out: inout JSONWriter) {
        if count < 1024 {
            out.int(count)
            out.raw(" B")
            return
        }
        let units: [StaticString] = ["KB", "MB", "GB", "TB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        appendOneDecimal(value, to: &out)
        out.raw(" ")
        out.raw(units[unit])
    }
}

/// Human-readable durations: `0.3 ms`, `12 ms`, `1.5 s`.
public enum DurationText {
    public static func format(milliseconds ms: Double) -> String {
        var text = JSONWriter(reservingCapacity: 16)
        append(milliseconds: ms, to: &text)
        return text.string
    }

    static func append(milliseconds ms: Double, to out: inout JSONWriter) {
        if ms < 10 {
            appendOneDecimal(ms, to: &out)
            out.raw(" ms")
        } else if ms < 1000 {
            out.int(Int(ms.rounded()))
            out.raw(" ms")
        } else {
            appendOneDecimal(ms / 1000, to: &out)
            out.raw(" s")
        }
    }
}

/// `1.2`: whole part, a dot, then tenths (as `"\(tenths / 10).\(tenths % 10)"` writes them).
/// A value no `Int` holds (a duration read from a save file or the store can be anything:
/// `1e300`) would trap the process that prints it (review session 20 A, M3): not finite is
/// `?`, and the rest is held to ±10^17 tenths.
func appendOneDecimal(_ value: Double, to out: inout JSONWriter) {
    guard value.isFinite else {
        out.raw("?")
        return
    }
    let tenths = Int(min(max((value * 10).rounded(), -1e17), 1e17))
    out.int(tenths / 10)
    out.raw(".")
    out.int(tenths % 10)
}

/// The readable one-line form printed per exchange without a terminal UI:
/// `19:05:02.123 POST /hooks?x=1  200  1.2 KB  0.3 ms  teamwork deals.created ✓ valid`.
/// `unicode` false (a locale that is not UTF-8) writes the marks in ASCII.
public enum ExchangeSummaryLine {
    public static func format(_ exchange: Exchange, unicode: Bool = true) -> String {
        let time = String(exchange.receivedAt.rfc3339.dropFirst(11).dropLast())
        var line = "\(time) #\(exchange.id) \(TerminalSafeText.string(exchange.method)) \(TerminalSafeText.string(exchange.target))"
        if let response = exchange.response {
            line += "  " + (response.status.map(String.init) ?? "---")
        } else {
            line += "  ..."
        }
        line += "  " + ByteCountText.format(exchange.bodySize)
        if exchange.bodyTruncated { line += " (truncated)" }
        if let rejection = exchange.rejection { line += "  rejected: \(TerminalSafeText.string(rejection))" }
        if let response = exchange.response {
            line += "  " + DurationText.format(milliseconds: response.durationMilliseconds)
            if response.source != .default { line += " [\(response.source.rawValue)]" }
        }
        let analysis = exchange.analysis.summaryText(unicode: unicode)
        if !analysis.isEmpty { line += "  " + analysis }
        if exchange.analysis.attempt > 1 {
            line += "  attempt \(exchange.analysis.attempt)"
            if let change = exchange.analysis.retryChange { line += " (\(change))" }
        }
        return line
    }
}

/// Human-readable byte counts: `512 B`, `1.2 KB`, `5.0 MB`.
public enum ByteCountText {
    public static func format(_ count: Int) -> String {
        if count < 1024 { return "\(count) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(oneDecimal(value)) \(units[unit])"
    }
}

/// Human-readable durations: `0.3 ms`, `12 ms`, `1.5 s`.
public enum DurationText {
    public static func format(milliseconds ms: Double) -> String {
        if ms < 10 { return "\(oneDecimal(ms)) ms" }
        if ms < 1000 { return "\(Int(ms.rounded())) ms" }
        return "\(oneDecimal(ms / 1000)) s"
    }
}

func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

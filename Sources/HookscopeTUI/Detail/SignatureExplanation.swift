import HookscopeCore

/// The Signature tab: who sent it, what was checked, the verdict and why.
enum SignatureExplanation {
    static func lines(_ exchange: Exchange, settings: DisplaySettings) -> [StyledLine] {
        let analysis = exchange.analysis
        let verdict = analysis.signature
        let missing = settings.unicode ? "—" : "-"
        func row(_ label: String, _ value: String?, style: CellStyle = .plain) -> StyledLine {
            var line = StyledLine(label.padding(to: 11), style: Palette.label)
            if let value { line.append(value, style: style) } else { line.append(missing, style: Palette.dim) }
            return line
        }
        var lines = [
            row("Status", verdict.status.label(unicode: settings.unicode), style: SignatureMark.style(verdict.status)),
            row("Reason", verdict.reason ?? defaultReason(verdict.status)),
            StyledLine(),
            row("Provider", analysis.provider),
            row("Event", analysis.event),
            row("Delivery", analysis.deliveryID),
            row("Attempt", analysis.attempt > 1 ? "#\(analysis.attempt) (a retry)" : "#1 (first delivery)"),
            StyledLine(),
            row("Scheme", verdict.scheme),
            row("Header", verdict.header),
        ]
        if let name = verdict.header, let value = exchange.headers.first(named: name) {
            lines.append(row("Value", value))
        }
        lines.append(row("Timestamp", timestampText(exchange)))
        return lines
    }

    static func defaultReason(_ status: SignatureVerdict.Status) -> String {
        switch status {
        case .valid: return "the signature matches the body and the secret"
        case .invalid: return "the signature does not match the body with the configured secret"
        case .expired: return "the signed timestamp is outside the allowed window"
        case .malformed: return "the signature header could not be read"
        case .noSecret: return "no secret is configured for this provider, so nothing could be checked"
        case .unsigned: return "no signature header was found"
        }
    }

    /// The signed timestamp and how old it was on arrival, when the signature carries one
    /// (`t=<unix seconds>` as Productive and Stripe send) or a timestamp header does.
    static func timestampText(_ exchange: Exchange) -> String? {
        var seconds: Int64?
        if let name = exchange.analysis.signature.header, let value = exchange.headers.first(named: name) {
            for part in value.split(separator: ",") {
                let trimmed = part.drop { $0 == " " }
                if trimmed.hasPrefix("t=") { seconds = Int64(trimmed.dropFirst(2)) }
            }
        }
        if seconds == nil {
            for name in ["webhook-timestamp", "X-Slack-Request-Timestamp"] {
                if let value = exchange.headers.first(named: name), let parsed = Int64(value) { seconds = parsed }
            }
        }
        guard let seconds else { return nil }
        let age = exchange.receivedAt.nanosecondsSinceEpoch / 1_000_000_000 - seconds
        let when = ClockText.dateTime(Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000), utcOffsetSeconds: 0)
        if age >= 0 { return "\(seconds) (\(when)), \(age) s old on arrival" }
        return "\(seconds) (\(when)), \(-age) s in the future on arrival"
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

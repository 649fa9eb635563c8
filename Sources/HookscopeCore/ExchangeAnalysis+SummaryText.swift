extension ExchangeAnalysis {
    /// What the readable headless line adds for a delivery: provider, event and the
    /// signature's mark as the terminal UI shows it, e.g. `teamwork deals.created ✓ valid`
    /// or `stripe x invalid` when the locale is not UTF-8.
    /// Empty for traffic from no known provider with nothing to say about a signature.
    public func summaryText(unicode: Bool) -> String {
        guard provider != nil || signature.status != .unsigned else { return "" }
        var parts: [String] = []
        if let provider { parts.append(TerminalSafeText.string(provider)) }
        if let event { parts.append(TerminalSafeText.string(String(event.prefix(60)))) }
        parts.append(signature.status.label(unicode: unicode))
        return parts.joined(separator: " ")
    }
}

extension SignatureVerdict.Status {
    /// One table for every place a verdict is shown to a person (the terminal UI, the
    /// headless line, `verify`): a symbol that reads at a glance, and ASCII when the
    /// locale is not UTF-8.
    public func symbol(unicode: Bool) -> String {
        switch self {
        case .valid: return unicode ? "✓" : "+"
        case .invalid: return unicode ? "✗" : "x"
        case .expired: return unicode ? "⏱" : "~"
        case .malformed: return "!"
        case .noSecret: return "?"
        case .unsigned: return unicode ? "·" : "-"
        }
    }

    /// The verdict in words, for people (`no secret`); `rawValue` is the JSON form.
    public var word: String {
        switch self {
        case .valid: return "valid"
        case .invalid: return "invalid"
        case .expired: return "expired"
        case .malformed: return "malformed"
        case .noSecret: return "no secret"
        case .unsigned: return "unsigned"
        }
    }

    /// `✓ valid`
    public func label(unicode: Bool) -> String {
        symbol(unicode: unicode) + " " + word
    }
}

extension ExchangeAnalysis {
    /// What the readable headless line adds for a delivery: provider, event and the
    /// signature's mark as the terminal UI shows it, e.g. `teamwork deals.created ✓ valid`
    /// or `stripe x invalid` when the locale is not UTF-8.
    /// Empty for traffic from no known provider with nothing to say about a signature.
    public func summaryText(unicode: Bool) -> String {
        var text: [UInt8] = []
        appendSummaryText(unicode: unicode, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `summaryText` says anything (a provider, or a signature of any kind).
    public var hasSummaryText: Bool { provider != nil || signature.status != .unsigned }

    /// `summaryText`'s bytes, appended (the headless line writes them into its buffer).
    public func appendSummaryText(unicode: Bool, to text: inout [UInt8]) {
        guard hasSummaryText else { return }
        if let provider {
            TerminalSafeText.append(provider, to: &text)
            text.append(UInt8(ascii: " "))
        }
        if let event {
            // At most 60 characters; a shorter byte count cannot hold more, and saves
            // walking the grapheme clusters.
            TerminalSafeText.append(event.utf8.count <= 60 ? event : String(event.prefix(60)), to: &text)
            text.append(UInt8(ascii: " "))
        }
        text.append(contentsOf: signature.status.symbol(unicode: unicode).utf8)
        text.append(UInt8(ascii: " "))
        text.append(contentsOf: signature.status.word.utf8)
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

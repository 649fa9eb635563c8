extension ExchangeAnalysis {
    /// What the readable headless line adds for a delivery: provider, event and a clear
    /// signature mark, e.g. `teamwork deals.created ✓ valid` or `stripe ✗ invalid`.
    /// Empty for traffic from no known provider with nothing to say about a signature.
    public var summaryText: String {
        guard provider != nil || signature.status != .unsigned else { return "" }
        var parts: [String] = []
        if let provider { parts.append(TerminalSafeText.string(provider)) }
        if let event { parts.append(TerminalSafeText.string(String(event.prefix(60)))) }
        parts.append(signature.status.mark + " " + signature.status.rawValue)
        return parts.joined(separator: " ")
    }
}

extension SignatureVerdict.Status {
    /// A mark that reads at a glance: ✓ only for valid, ✗ for a signature that does not
    /// hold, `!` for one that cannot be checked as sent, `-` when there is nothing to check.
    public var mark: String {
        switch self {
        case .valid: return "✓"
        case .invalid: return "✗"
        case .expired, .malformed: return "!"
        case .noSecret, .unsigned: return "-"
        }
    }
}

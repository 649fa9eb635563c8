extension AnswerSpec {
    /// The answer in the language of `--respond`, as `AnswerSpecParser.parseStep` reads it:
    /// `503`, `429/retry-after=30`, `200/delay=2000`, `hang`. The shared plan keeps texts,
    /// so a change made with the keys of an attached UI is written this way.
    /// That language has no other headers and no body: an answer the picker or a rule
    /// made never has them (the listener's `--response-header`/`--response-body` are its own).
    public var specText: String {
        var text: String
        switch delivery {
        case .hang: return "hang"
        case .close: return "close"
        case .reset: return "reset"
        case .now, .delayed, .trickle: text = "\(status)"
        }
        for header in headers where header.name.caseInsensitiveEquals("Retry-After") {
            text += "/retry-after=\(header.value)"
        }
        switch delivery {
        case .delayed(let milliseconds): text += "/delay=\(milliseconds)"
        case .trickle(let bytes, let milliseconds): text += "/trickle=\(bytes):\(milliseconds)"
        case .now, .hang, .close, .reset: break
        }
        return text
    }
}

extension ResponseRule {
    /// The rule in the language of `--rule`, as `AnswerSpecParser.parseRule` reads it:
    /// `method=POST path=/stripe/** provider=stripe -> 500,200`. Whether it is on is not
    /// part of the text (the shared plan keeps that beside it).
    public var ruleText: String {
        var parts: [String] = []
        if let method = conditions.method { parts.append("method=\(method)") }
        if let path = conditions.pathGlob { parts.append("path=\(path)") }
        if let provider = conditions.provider { parts.append("provider=\(provider)") }
        parts.append("->")
        parts.append(answers.map(\.specText).joined(separator: ","))
        return parts.joined(separator: " ")
    }
}

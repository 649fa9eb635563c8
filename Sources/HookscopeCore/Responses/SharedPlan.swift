import Foundation

/// The answer plan shared by every listener on a store (`attach --respond/--rule/--intercept`,
/// or the keys s, R and i of an attached UI): the texts of `--respond` and `--rule` as the
/// user wrote them, read by each listener with the same parser, intercept on or off, and
/// who set them when. Pure: the store only keeps the JSON.
public struct SharedPlan: Sendable, Equatable {
    /// A `--respond` value (one answer, or a sequence); nil keeps each listener's own.
    public var respond: String?
    /// `--rule` values, checked before each listener's own rules.
    public var rules: [String]
    /// The positions in `rules` of the rules turned off (R, then space, in an attached UI).
    public var disabledRules: [Int]
    /// Intercept on or off on every listener; nil keeps each listener's own.
    public var intercept: Bool?
    /// user@host
    public var setBy: String
    /// `2026-12-01T22:40:01Z`, as the store's clock had it.
    public var setAt: String

    public init(respond: String?, rules: [String], disabledRules: [Int] = [], intercept: Bool? = nil, setBy: String, setAt: String = "") {
        self.respond = respond
        self.rules = rules
        self.disabledRules = disabledRules
        self.intercept = intercept
        self.setBy = setBy
        self.setAt = setAt
    }

    /// Parses the texts, so a plan that would not parse is refused where it is set.
    public func check() throws {
        _ = try applied(to: ResponsePlan())
    }

    /// A listener's own plan with this one in force: its `--respond` in place of the
    /// listener's answer or sequence, its rules before the listener's.
    public func applied(to own: ResponsePlan) throws -> ResponsePlan {
        var plan = own
        if let respond {
            plan.sequence = []
            plan.answer(with: try AnswerSpecParser.parseSequence(respond))
        }
        plan.rules = try parsedRules() + own.rules
        return plan
    }

    /// The shared rules as the rules screen and the listeners use them, off where turned off.
    public func parsedRules() throws -> [ResponseRule] {
        try rules.enumerated().map { index, text in
            var rule = try AnswerSpecParser.parseRule(text)
            rule.enabled = !disabledRules.contains(index)
            return rule
        }
    }

    /// Nothing is shared: every listener answers by its own flags, as after a reset.
    public var isEmpty: Bool {
        respond == nil && rules.isEmpty && intercept == nil
    }

    /// The JSON kept in the store (`{"respond", "rules", "disabled", "intercept"}`); who
    /// and when are columns.
    public func encodedTexts() -> String {
        var w = JSONWriter(reservingCapacity: 64)
        w.raw("{")
        w.key("respond", first: true); w.optionalString(respond)
        w.key("rules")
        w.raw("[")
        for (index, rule) in rules.enumerated() {
            if index > 0 { w.raw(",") }
            w.string(rule)
        }
        w.raw("]")
        w.key("disabled")
        w.raw("[" + disabledRules.map(String.init).joined(separator: ",") + "]")
        w.key("intercept")
        w.raw(intercept.map { $0 ? "true" : "false" } ?? "null")
        w.raw("}")
        return w.string
    }

    /// nil when the JSON is not such an object (a row another version wrote).
    public static func decode(_ json: String, setBy: String, setAt: String) -> SharedPlan? {
        guard let o = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let rules = (o["rules"] ?? []) as? [String],
              let disabled = (o["disabled"] ?? []) as? [Int] else { return nil }
        return SharedPlan(respond: o["respond"] as? String, rules: rules, disabledRules: disabled,
                          intercept: o["intercept"] as? Bool, setBy: setBy, setAt: setAt)
    }

    /// For the top bar and the log: `--respond 503 · 1 rule · intercept on, set by
    /// ana@laptop at 2026-12-01T22:40:01Z`.
    public var summary: String {
        var parts: [String] = []
        if let respond { parts.append("--respond \(respond)") }
        let active = rules.indices.filter { !disabledRules.contains($0) }.count
        if !rules.isEmpty { parts.append(active == rules.count ? CountWords.format(rules.count, "rule") : "\(active) of \(CountWords.format(rules.count, "rule")) on") }
        if let intercept { parts.append(intercept ? "intercept on" : "intercept off") }
        let what = parts.isEmpty ? "no change" : parts.joined(separator: " · ")
        return "\(what), set by \(setBy)" + (setAt.isEmpty ? "" : " at \(setAt)")
    }
}

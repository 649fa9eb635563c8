import Foundation

/// The answer plan shared by every listener on a store (`attach --respond/--rule`): the
/// texts of `--respond` and `--rule` as the user wrote them, read by each listener with
/// the same parser, and who set them when. Pure: the store only keeps the JSON.
public struct SharedPlan: Sendable, Equatable {
    /// A `--respond` value (one answer, or a sequence); nil keeps each listener's own.
    public var respond: String?
    /// `--rule` values, checked before each listener's own rules.
    public var rules: [String]
    /// user@host
    public var setBy: String
    /// `2026-12-01T22:40:01Z`, as the store's clock had it.
    public var setAt: String

    public init(respond: String?, rules: [String], setBy: String, setAt: String = "") {
        self.respond = respond
        self.rules = rules
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
        plan.rules = try rules.map(AnswerSpecParser.parseRule) + own.rules
        return plan
    }

    /// The JSON kept in the store (`{"respond", "rules"}`); who and when are columns.
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
        w.raw("}")
        return w.string
    }

    /// nil when the JSON is not such an object (a row another version wrote).
    public static func decode(_ json: String, setBy: String, setAt: String) -> SharedPlan? {
        guard let o = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let rules = (o["rules"] ?? []) as? [String] else { return nil }
        return SharedPlan(respond: o["respond"] as? String, rules: rules, setBy: setBy, setAt: setAt)
    }

    /// For the top bar and the log: `--respond 503 · 1 rule, set by ana@laptop at 22:40:01`.
    public var summary: String {
        var parts: [String] = []
        if let respond { parts.append("--respond \(respond)") }
        if !rules.isEmpty { parts.append("\(rules.count) rule\(rules.count == 1 ? "" : "s")") }
        let what = parts.isEmpty ? "no change" : parts.joined(separator: " · ")
        return "\(what), set by \(setBy)" + (setAt.isEmpty ? "" : " at \(setAt)")
    }
}

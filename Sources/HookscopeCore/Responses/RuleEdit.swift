/// A change to the plan's rules, applied by the session to the plan in force (not to the
/// UI's copy, which may be a second old). A toggle or a delete names the rule by its place
/// and carries the rule as the user saw it there: on a shared plan someone else may have
/// changed the rules meanwhile, and a place alone would then hit another rule (review M1).
public enum RuleEdit: Sendable, Equatable {
    case add(ResponseRule)
    case toggle(index: Int, seen: ResponseRule)
    case delete(index: Int, seen: ResponseRule)

    /// The edit no longer fits the rules: the rule the user saw is not at its place as it
    /// was (gone, another rule, or turned on or off meanwhile). Nothing was changed.
    public struct Changed: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The rules after the edit; throws `Changed` when the rule the user saw is not at its
    /// place as they saw it.
    public func applied(to rules: [ResponseRule]) throws -> [ResponseRule] {
        var rules = rules
        switch self {
        case .add(let rule):
            rules.append(rule)
        case .toggle(let index, let seen):
            try Self.check(rules, index, seen)
            rules[index].enabled.toggle()
        case .delete(let index, let seen):
            try Self.check(rules, index, seen)
            rules.remove(at: index)
        }
        return rules
    }

    /// Compared by the rule's text (what the store keeps) and whether it is on: a toggle of
    /// a rule someone else turned off meanwhile would turn it on again.
    private static func check(_ rules: [ResponseRule], _ index: Int, _ seen: ResponseRule) throws {
        let what = "that rule changed (someone edited the rules): "
        guard rules.indices.contains(index) else {
            throw Changed(description: what + "rule \(index + 1) (\(seen.summary)) is gone")
        }
        let now = rules[index]
        guard now.ruleText == seen.ruleText else {
            throw Changed(description: what + "rule \(index + 1) is \(now.summary) now, not \(seen.summary)")
        }
        guard now.enabled == seen.enabled else {
            throw Changed(description: what + "rule \(index + 1) (\(seen.summary)) was turned \(now.enabled ? "on" : "off")")
        }
    }
}

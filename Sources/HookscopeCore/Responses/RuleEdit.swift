/// A change to the plan's rules, applied by the session to the plan in force (not to the
/// UI's copy, which may be a second old).
public enum RuleEdit: Sendable, Equatable {
    case add(ResponseRule)
    case toggle(index: Int)
    case delete(index: Int)

    /// The rules after the edit; nil when the index no longer exists.
    public func applied(to rules: [ResponseRule]) -> [ResponseRule]? {
        var rules = rules
        switch self {
        case .add(let rule):
            rules.append(rule)
        case .toggle(let index):
            guard rules.indices.contains(index) else { return nil }
            rules[index].enabled.toggle()
        case .delete(let index):
            guard rules.indices.contains(index) else { return nil }
            rules.remove(at: index)
        }
        return rules
    }
}

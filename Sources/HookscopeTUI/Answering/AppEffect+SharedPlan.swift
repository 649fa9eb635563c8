import HookscopeCore

extension AppEffect {
    /// The change to the store's shared plan this effect asks for in an attached UI
    /// (s, R and i); nil for the effects that are not about the plan.
    var sharedPlanChange: SharedPlanChange? {
        switch self {
        case .setAnswer(let answers): return .answers(answers)
        case .editRules(let edit): return .editRules(edit)
        case .setIntercept(let enabled): return .intercept(enabled)
        default: return nil
        }
    }
}

/// One change to the shared plan: from `attach`'s flags or a key of an attached terminal
/// UI. Applied to the plan the store holds at that moment (in the transaction that writes
/// it), not to the UI's copy, which may be a second old; the rest of the plan stays.
public enum SharedPlanChange: Sendable, Equatable {
    /// `--respond SPEC`, or `s` in an attached UI: every listener answers this way.
    case respond(String)
    /// `--rule …` (all of them): the shared rules become these.
    case rules([String])
    /// `R` in an attached UI: add, turn on or off, or delete one shared rule (a toggle or
    /// a delete carries the rule as the UI showed it, refused when it changed meanwhile).
    case editRules(RuleEdit)
    /// `--intercept`/`--no-intercept`, or `i`: every listener holds new requests, or not.
    case intercept(Bool)

    /// `s`'s answers as the text `--respond` takes.
    public static func answers(_ answers: [AnswerSpec]) -> SharedPlanChange {
        .respond(answers.map(\.specText).joined(separator: ","))
    }

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The plan after `changes`, set by `who`; nil when nothing is shared any more (each
    /// listener by its own flags). Throws when an edit's rule is not as the user saw it
    /// (someone changed the rules since their UI last read them), or a text would not
    /// parse on the listeners.
    public static func apply(_ changes: [SharedPlanChange], to current: SharedPlan?, by who: String) throws -> SharedPlan? {
        var plan = current ?? SharedPlan(respond: nil, rules: [], setBy: who)
        plan.setBy = who
        plan.setAt = ""
        for change in changes {
            switch change {
            case .respond(let text):
                plan.respond = text
            case .rules(let texts):
                plan.rules = texts
                plan.disabledRules = []
            case .editRules(let edit):
                let rules: [ResponseRule]
                do {
                    rules = try edit.applied(to: try plan.parsedRules())
                } catch let changed as RuleEdit.Changed {
                    throw Failure(description: changed.description)
                }
                plan.rules = rules.map(\.ruleText)
                plan.disabledRules = rules.indices.filter { !rules[$0].enabled }
            case .intercept(let enabled):
                plan.intercept = enabled
            }
        }
        try plan.check()
        return plan.isEmpty ? nil : plan
    }
}

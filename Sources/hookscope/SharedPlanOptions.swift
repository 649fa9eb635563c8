import ArgumentParser
import HookscopeCore

/// `attach`'s options that set the answer plan of every listener on the store.
/// UNFINISHED (#16): `--intercept` in the shared plan, the keys s, R and i of an attached
/// terminal UI setting it, and remote intercept (held requests answered from any attached UI).
struct SharedPlanOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Make every listener on the store answer this way (as listen --respond: 503, 500,500,200, 429/retry-after=30, hang, …), within a second; it stays in force after attach exits, until --reset-plan.",
        valueName: "spec"
    ))
    var respond: String?

    @Option(name: .customLong("rule"), help: ArgumentHelp(
        "A rule for every listener on the store, as listen --rule: '[METHOD] [/path/glob] [provider=NAME] -> SPEC' (repeatable; checked before each listener's own).",
        valueName: "rule"
    ))
    var rules: [String] = []

    @Flag(name: .customLong("reset-plan"), help: "Give every listener on the store its own answer plan (its flags) back.")
    var resetPlan = false

    func validate() throws {
        if resetPlan, respond != nil || !rules.isEmpty {
            throw ValidationError("--reset-plan goes back to each listener's own flags: give it without --respond and --rule")
        }
        do {
            try change(by: "")?.check()
        } catch let failure as AnswerSpecParser.Failure {
            throw ValidationError(failure.message)
        }
    }

    enum Change {
        case set(SharedPlan)
        case reset

        func check() throws {
            if case .set(let plan) = self { try plan.check() }
        }
    }

    /// What to write to the store at start, if anything.
    func change(by who: String) -> Change? {
        if resetPlan { return .reset }
        guard respond != nil || !rules.isEmpty else { return nil }
        return .set(SharedPlan(respond: respond, rules: rules, setBy: who))
    }
}

import ArgumentParser
import HookscopeCore

/// `attach`'s options that set the answer plan of every listener on the store. Each
/// changes its part of the plan the store holds; the rest stays.
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

    @Flag(inversion: .prefixedNo, help: "Make every listener on the store hold new requests until someone answers them in an attached terminal UI, or its --intercept-timeout passes (--no-intercept: answer them at once again).")
    var intercept: Bool?

    @Flag(name: .customLong("reset-plan"), help: "Give every listener on the store its own answer plan (its flags) back.")
    var resetPlan = false

    func validate() throws {
        if resetPlan, !changes.isEmpty {
            throw ValidationError("--reset-plan goes back to each listener's own flags: give it without --respond, --rule and --intercept")
        }
        do {
            _ = try SharedPlanChange.apply(changes, to: nil, by: "")
        } catch let failure as AnswerSpecParser.Failure {
            throw ValidationError(failure.message)
        }
    }

    /// What to change in the store's plan at start (with `--reset-plan`: nothing, it resets).
    var changes: [SharedPlanChange] {
        var changes: [SharedPlanChange] = []
        if let respond { changes.append(.respond(respond)) }
        if !rules.isEmpty { changes.append(.rules(rules)) }
        if let intercept { changes.append(.intercept(intercept)) }
        return changes
    }
}

import ArgumentParser
import HookscopeCore

/// `listen`'s options for the self-hosted tunnel: how long a listener with `--store` waits
/// for a forwarder attached to the store (`attach --forward`) to claim a delivery. How
/// long it then waits for the app's answer is `--forward-timeout`.
struct RemoteForwardOptions: ParsableArguments {
    @Option(name: .customLong("claim-timeout"), help: ArgumentHelp(
        "Milliseconds a delivery offered to the forwarders attached to the store (attach --forward) waits for one to claim it; then the answer plan answers (source 'unclaimed').",
        valueName: "ms"
    ))
    var claimTimeout = 2_000

    func validate() throws {
        if let problem = WaitLimit.problem("--claim-timeout", milliseconds: claimTimeout, minimum: 1) { throw ValidationError(problem) }
    }
}

import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeServer
import NIOCore

/// `hookscope send`: emulates a provider's delivery (and its retries) against any URL, to
/// test an endpoint's verification and idempotency — or hookscope itself.
struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send a delivery in a provider's exact shape, signed, and follow its retry schedule.",
        discussion: """
        Example: hookscope send teamwork http://localhost:3000/hooks --secret S --retry --time-scale 60
        --time-scale 60 makes one minute of the provider's schedule pass in one second. Exit status: \
        0 when every delivery ended in an answer the provider counts as success, 1 otherwise.
        """
    )

    @Argument(help: ArgumentHelp("The provider to emulate: productive, gitproductivity, teamwork, productlift, standard, stripe, github, slack, shopify or one from the config.", valueName: "provider"))
    var provider: String

    @Argument(help: ArgumentHelp("Where to send it.", valueName: "url"))
    var url: String

    @OptionGroup var secretOptions: SecretOptions

    @OptionGroup(title: "HTTPS to the target")
    var outgoingTLS: OutgoingTLSOptions

    @Option(help: ArgumentHelp("The event type (default: the provider's documented example).", valueName: "type"))
    var event: String?

    @Option(name: .customLong("body-file"), help: ArgumentHelp("Send this body, byte for byte, instead of the sample payload.", valueName: "file"))
    var bodyFile: String?

    @Option(name: .customLong("delivery-id"), help: ArgumentHelp("The delivery id (default: a fresh one in the provider's form; with --count, each gets a suffix).", valueName: "id"))
    var deliveryID: String?

    @Flag(help: "While the target fails (by the provider's rule), retry on the provider's documented schedule.")
    var retry = false

    @Option(name: .customLong("time-scale"), help: ArgumentHelp("How many times faster the retry schedule runs (60: a minute takes a second).", valueName: "factor"))
    var timeScale: Double = 1

    @Option(help: ArgumentHelp("How many deliveries to send, each a new event.", valueName: "n"))
    var count = 1

    @Option(help: ArgumentHelp("Deliveries started per second with --count (default: one after the other).", valueName: "per-second"))
    var rate: Double?

    @Option(help: ArgumentHelp("Milliseconds to wait for an answer (default: the provider's documented timeout, else 30000).", valueName: "ms"))
    var timeout: Int?

    @Option(name: .customLong("header"), help: ArgumentHelp("A header to send as well, 'Name: value' (repeatable): one the recipe signs whose value hookscope cannot make up (Zendesk's timestamp), or any other.", valueName: "header"))
    var headers: [String] = []

    @Option(name: .customLong("private-key"), help: ArgumentHelp("PEM private key (PKCS#8), for providers that sign with a key pair (Ed25519, ECDSA P-256).", valueName: "file"))
    var privateKey: String?

    func validate() throws {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { throw ValidationError("the URL must start with http:// or https://") }
        guard timeScale > 0, timeScale.isFinite else { throw ValidationError("--time-scale must be a positive number") }
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        if let rate { guard rate > 0, rate.isFinite else { throw ValidationError("--rate must be a positive number") } }
        if let timeout, let problem = WaitLimit.problem("--timeout", milliseconds: timeout, minimum: 1) { throw ValidationError(problem) }
    }

    func run() async throws {
        let profile: ProviderProfile
        let signingSecret: ProviderSecret?
        let body: [UInt8]?
        let extraHeaders: [HeaderField]
        do {
            let (settings, found) = try secretOptions.settings(forProvider: provider, commandSecrets: privateKey == nil)
            profile = found
            if let privateKey {
                signingSecret = ProviderSecret(provider: profile.name, value: String(decoding: try Verify.read(privateKey), as: UTF8.self), origin: "--private-key")
            } else if profile.signature?.kind.isAsymmetric == true {
                // A public key given as the provider's secret cannot sign.
                signingSecret = nil
            } else {
                signingSecret = settings.secrets.secrets(for: profile.name).first
            }
            body = try bodyFile.map(Verify.read)
            extraHeaders = try headers.map(Verify.parseHeader)
        } catch let error as ProviderSettings.UsageError {
            Verify.fail(error.description)
        }
        let plan = retry ? RetryPlan(schedule: profile.retries, providerName: profile.displayName) : RetryPlan(delaysSeconds: [])
        for note in plan.notes { ListenSession.printNotice("note: \(note)") }
        let answerTimeout = TimeAmount.milliseconds(Int64(timeout ?? (profile.retries.answerTimeoutSeconds ?? 30) * 1000))
        let client = OutgoingHTTPClient(tls: try outgoingTLS.makeTLS())
        let run = SendRun(
            profile: profile, url: url, secret: signingSecret, event: event, body: body, deliveryID: deliveryID, extraHeaders: extraHeaders,
            plan: plan, timeScale: timeScale, timeout: answerTimeout, client: client
        )
        var allSucceeded = true
        if let rate {
            // Started at the rate asked for; each delivery's retries run on their own.
            allSucceeded = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<count {
                    if index > 0 { try? await Task.sleep(nanoseconds: UInt64(1e9 / rate)) }
                    group.addTask { await run.deliver(number: index + 1, of: count) }
                }
                var all = true
                for await succeeded in group where !succeeded { all = false }
                return all
            }
        } else {
            for index in 0..<count where !(await run.deliver(number: index + 1, of: count)) {
                allSucceeded = false
            }
        }
        await client.shutdown()
        if !allSucceeded { throw ExitCode(1) }
    }
}

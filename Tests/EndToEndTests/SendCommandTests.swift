import Foundation
import HookscopeCore
import Testing
import TestSupport

/// `hookscope send` against the real `hookscope listen`: hookscope checks itself.
@Suite(.serialized, .offThePool) struct SendCommandTests {
    static let secrets = ProviderEndToEndTests.secrets

    func exchanges(_ listener: RunningHookscope, count: Int) throws -> [Exchange] {
        let lines = try Poll.until(timeout: 20) { () -> [Substring]? in
            let lines = listener.stdout.split(separator: "\n")
            return lines.count >= count ? lines : nil
        }
        return try lines.map { try ExchangeJSONLines.decode(String($0)) }
    }

    /// The delivery id `send` reports: `teamwork deals.created delivery <id>: attempt ...`.
    func reportedDeliveryID(_ output: String) -> String? {
        guard let range = output.range(of: #"delivery [^ :]+:"#, options: .regularExpression) else { return nil }
        return String(output[range].dropFirst("delivery ".count).dropLast())
    }

    @Test func everyProviderIsReportedValidWithItsEventAndDeliveryID() throws {
        // The nine first built-ins; every symmetric built-in is sent by CatalogueSendTests.
        let profiles = BuiltInProviders.all.filter { Self.secrets[$0.name] != nil }
        let names = profiles.map(\.name)
        let listener = try RunningHookscope(
            ["--json"] + names.flatMap { ["--secret", "\($0)=\(Self.secrets[$0]!)"] },
            environment: ProviderEndToEndTests.isolated
        )
        defer { _ = try? listener.stop() }
        var sent: [String: (event: String?, delivery: String?)] = [:]
        for profile in profiles {
            let result = try HookscopeCommand.run(["send", profile.name, "\(listener.url)/hooks/\(profile.name)", "--secret", Self.secrets[profile.name]!], environment: ProviderEndToEndTests.isolated)
            #expect(result.status == 0, "\(profile.name): \(result.stdout) \(result.stderr)")
            #expect(result.stdout.contains("attempt 1/1 → 200 OK"), "\(profile.name): \(result.stdout)")
            sent[profile.name] = (profile.event == nil ? nil : SamplePayloads.defaultEvent(for: profile.name), reportedDeliveryID(result.stdout))
            if profile.signature == nil {
                #expect(result.stderr.contains("sent unsigned"))
            }
        }
        let received = try exchanges(listener, count: profiles.count)
        #expect(Set(received.map(\.path)) == Set(names.map { "/hooks/\($0)" }))
        for exchange in received {
            let name = String(exchange.path.dropFirst("/hooks/".count))
            let profile = try #require(BuiltInProviders.named(name))
            let a = exchange.analysis
            #expect(a.provider == name)
            // ProductLift documents no recipe: the listener can only say it is unsigned.
            #expect(a.signature.status == (profile.signature == nil ? .unsigned : .valid), "\(name): \(a.signature.reason ?? "")")
            #expect(a.event == sent[name]?.event, "\(name)")
            #expect(a.deliveryID == sent[name]?.delivery, "\(name)")
            if profile.deliveryID != nil { #expect(a.deliveryID != nil, "\(name)") }
            #expect(exchange.headers.first?.name == "Host")
        }
    }

    /// Runs `send --retry` against a listener that answers `status` to everything.
    func retry(_ provider: String, answering status: Int, timeScale: Int) throws -> (result: HookscopeCommand.Result, received: [Exchange], listener: RunningHookscope) {
        let listener = try RunningHookscope(["--json", "--respond", String(status), "--secret", "\(provider)=\(Self.secrets[provider]!)"], environment: ProviderEndToEndTests.isolated)
        let result = try HookscopeCommand.run([
            "send", provider, "\(listener.url)/hooks/\(provider)", "--secret", Self.secrets[provider]!,
            "--retry", "--time-scale", String(timeScale),
        ], environment: ProviderEndToEndTests.isolated)
        let attempts = result.stdout.components(separatedBy: "\n").filter { $0.contains(": attempt ") }.count
        let received = try exchanges(listener, count: attempts)
        return (result, received, listener)
    }

    @Test(arguments: [("teamwork", 6000), ("gitproductivity", 864_000), ("productive", 1_728_000)])
    func retriesFollowTheDocumentedScheduleWhileTheTargetFails(provider: String, timeScale: Int) throws {
        let profile = try #require(BuiltInProviders.named(provider))
        let plan = RetryPlan(schedule: profile.retries, providerName: profile.displayName)
        let expectedAttempts = 1 + (profile.retries.retryCount ?? 0)
        #expect(plan.attempts == expectedAttempts)
        let (result, received, listener) = try retry(provider, answering: 500, timeScale: timeScale)
        defer { _ = try? listener.stop() }
        #expect(result.status == 1)
        #expect(result.stdout.contains("gave up after \(expectedAttempts) attempts"))
        #expect(received.count == expectedAttempts)
        // The listener numbers them 1, 2, 3, ... as attempts of one event.
        #expect(received.map(\.analysis.attempt) == Array(1...expectedAttempts))
        #expect(Set(received.map(\.body)).count == 1)
        // Each retry waited at least its scaled delay (never "at most": no timing upper bounds).
        for (index, delay) in plan.delaysSeconds.enumerated() {
            let gap = received[index].receivedAt.milliseconds(until: received[index + 1].receivedAt)
            #expect(gap >= Double(delay) * 1000 / Double(timeScale) - 1, "retry \(index + 1)")
        }
    }

    @Test func teamworkCountsOnlyStatusesAbove400AsFailures() throws {
        let (result, received, listener) = try retry("teamwork", answering: 400, timeScale: 6000)
        defer { _ = try? listener.stop() }
        #expect(result.status == 0)
        #expect(received.count == 1)
        #expect(!result.stdout.contains("retry 1"))
    }

    @Test func productLiftDocumentsNoRetriesSoItIsSentOnce() throws {
        let (result, received, listener) = try retry("productlift", answering: 500, timeScale: 60)
        defer { _ = try? listener.stop() }
        #expect(result.status == 1)
        #expect(result.stderr.contains("does not document retries"))
        #expect(received.count == 1)
    }

    @Test func countSendsSeveralDistinctEvents() throws {
        let listener = try RunningHookscope(["--json"])
        defer { _ = try? listener.stop() }
        let result = try HookscopeCommand.run(["send", "gitproductivity", "\(listener.url)/gp", "--secret", "x", "--count", "5", "--rate", "200"])
        #expect(result.status == 0)
        let received = try exchanges(listener, count: 5)
        #expect(Set(received.compactMap(\.analysis.deliveryID)).count == 5)
        #expect(received.allSatisfy { $0.analysis.event == "developer.added" && $0.analysis.attempt == 1 })
    }
}

import Foundation
import HookscopeCore
import HookscopeServer
import NIOCore

/// One `hookscope send` run's settings, and the delivery of one event with its retries.
struct SendRun: Sendable {
    let profile: ProviderProfile
    let url: String
    let secret: ProviderSecret?
    let event: String?
    let body: [UInt8]?
    let deliveryID: String?
    let extraHeaders: [HeaderField]
    let plan: RetryPlan
    let timeScale: Double
    let timeout: TimeAmount
    let client: OutgoingHTTPClient

    /// Sends one event and, while it fails, its retries; true when it ended in success.
    func deliver(number: Int, of total: Int) async -> Bool {
        let delivery: SampleDelivery
        do {
            var random = SystemRandomNumberGenerator()
            delivery = try SampleDelivery(
                profile: profile, event: event, body: body, secret: secret,
                deliveryID: deliveryID.map { total > 1 ? "\($0)-\(number)" : $0 },
                timestamp: Timestamp.now().nanosecondsSinceEpoch / 1_000_000_000, url: url,
                extraHeaders: extraHeaders, random: &random
            )
        } catch {
            ListenSession.printError("\(error)")
            return false
        }
        if number == 1 { for note in delivery.notes { ListenSession.printNotice("note: \(note)") } }
        // Host first, as senders write it (the HTTP client would otherwise append it last).
        let host = ReplayPreparation.authority(of: url).map { [HeaderField("Host", $0)] } ?? []
        let request = OutgoingRequest(method: delivery.method, url: url, headers: host + delivery.headers, body: delivery.body)
        let label = [profile.name, delivery.event, delivery.deliveryID.map { "delivery \($0)" }]
            .compactMap { $0 }.joined(separator: " ")
        let prefix = total > 1 ? "#\(number) " : ""
        for attempt in 1...plan.attempts {
            let status: Int?
            var line = "\(prefix)\(label): attempt \(attempt)/\(plan.attempts) → "
            do {
                let response = try await client.send(request, timeout: timeout)
                status = response.status
                let reason = HTTPStatusText.reason(for: response.status)
                line += "\(response.status)\(reason.isEmpty ? "" : " " + reason) in \(String(format: "%.1f", response.durationMilliseconds)) ms"
            } catch {
                status = nil
                // The error may quote the app's certificate or answer: text from the network.
                line += "no answer: \(TerminalSafeText.string("\(error)"))"
            }
            let failed = RetryPlan.isFailure(status: status, schedule: profile.retries)
            print(line + (failed ? " (failure for \(profile.displayName))" : ""))
            guard failed else { return true }
            guard attempt < plan.attempts else {
                if plan.attempts > 1 {
                    print("\(prefix)\(label): gave up after \(plan.attempts) attempts\(profile.retries.afterLastFailure.map { ": \($0)" } ?? "")")
                }
                return false
            }
            let delay = plan.delaysSeconds[attempt - 1]
            let scaled = Double(delay) / timeScale
            print("\(prefix)\(label): retry \(attempt) after \(DurationWords.format(seconds: Int64(delay)))"
                + (timeScale == 1 ? "" : " (\(Self.format(seconds: scaled)) at --time-scale \(Self.format(number: timeScale)))"))
            // A config delay is at most 30 days, but --time-scale may be any positive number.
            try? await Task.sleep(nanoseconds: UInt64(min(scaled, 365 * 86_400) * 1e9))
        }
        return false
    }

    static func format(seconds: Double) -> String {
        seconds >= 1 ? String(format: "%.1f s", seconds) : String(format: "%.1f ms", seconds * 1000)
    }

    static func format(number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}

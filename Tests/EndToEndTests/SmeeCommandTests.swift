import Foundation
import HookscopeCore
import Testing
import TestSupport

/// `listen --source smee:URL` and `hookscope smee new` on the real binary, against a local
/// server speaking smee's protocol (FakeSmee): deliveries recorded as exchanges marked
/// smee, bodies exact with rawdata and the re-encoding said without, reconnection after
/// the stream drops, and --forward of a relayed delivery.
@Suite(.offThePool) struct SmeeCommandTests {
    static let secret = "5mee-test-secret-0123456789abcdef"
    static let isolated = ["HOME": FileManager.default.temporaryDirectory.path, "XDG_CONFIG_HOME": ""]

    /// The event's JSON as smee's server writes it: the sender's headers (lower-case) plus
    /// `body` as parsed (here: compact JSON), `query`, `timestamp`, and `rawdata` if asked.
    static func eventData(headers: [HeaderField], raw: String, parsed: String, rawdata: Bool) -> String {
        var members = headers.map { "\(jsonString($0.name.lowercased())):\(jsonString($0.value))" }
        members.append("\"body\":\(parsed)")
        members.append(#""query":{"from":"smee test"}"#)
        members.append("\"timestamp\":\(Int64(Date().timeIntervalSince1970 * 1000))")
        if rawdata { members.append("\"rawdata\":\(jsonString(raw))") }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func jsonString(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed), as: UTF8.self)
    }

    static func githubHeaders(body: String, id: String) throws -> [HeaderField] {
        try ProviderSigner.headers(
            for: BuiltInProviders.github, secret: ProviderSecret(provider: "github", value: secret, origin: "test"),
            body: Array(body.utf8), timestamp: Int64(Date().timeIntervalSince1970), id: id, event: "push"
        ) + [HeaderField("Content-Type", "application/json")]
    }

    /// The JSON Lines of `app` once there are `count` of them.
    static func lines(_ app: RunningHookscope, count: Int) throws -> [Exchange] {
        do {
            let lines = try Poll.until(timeout: 20) { () -> [String]? in
                let lines = app.stdout.split(separator: "\n").map(String.init)
                return lines.count >= count ? lines : nil
            }
            return try lines.map(ExchangeJSONLines.decode)
        } catch {
            Issue.record("waiting for \(count) lines; stdout:\n\(app.stdout)\nstderr:\n\(app.stderr)")
            throw error
        }
    }

    @Test func deliveriesAreRecordedExactWithRawdataAndTheReencodingIsSaidWithout() throws {
        let smee = try FakeSmee()
        defer { smee.stop() }
        let channel = smee.channel("hookscope-test")
        let app = try RunningHookscope(["--json", "--secret", "github=\(Self.secret)", "--source", "smee:\(channel)"], environment: Self.isolated)
        defer { _ = try? app.stop() }
        try TunnelCommandTests.waitFor(app, "smee: up \(channel)")
        #expect(app.stderr.contains("smee answers the senders itself"))

        // The sender's bytes: spaces and key order that smee's parse-and-stringify loses.
        let raw = "{ \"zen\": \"Keep it logically awesome.\",  \"hook_id\": 1 }"
        let parsed = #"{"zen":"Keep it logically awesome.","hook_id":1}"#
        try smee.send(Self.eventData(headers: try Self.githubHeaders(body: raw, id: "with-raw"), raw: raw, parsed: parsed, rawdata: true))
        try smee.send(Self.eventData(headers: try Self.githubHeaders(body: raw, id: "without-raw"), raw: raw, parsed: parsed, rawdata: false))
        let exchanges = try Self.lines(app, count: 2)

        let exact = exchanges[0]
        #expect(exact.body == Array(raw.utf8))
        #expect(exact.method == "POST")
        #expect(exact.target == "/?from=smee%20test")
        #expect(exact.relay == ExchangeRelay(kind: "smee", host: "127.0.0.1:\(smee.port)", channelTag: ExchangeRelay.tag(ofChannel: channel), bodyIsExact: true))
        // The channel URL is a secret: never in what hookscope writes.
        #expect(!app.stdout.contains("hookscope-test"), "\(app.stdout)")
        #expect(exact.analysis.provider == "github")
        #expect(exact.analysis.signature.status == .valid, "\(exact.analysis.signature)")
        #expect(exact.response?.source == .relay)
        #expect(exact.response?.status == nil)

        let reencoded = exchanges[1]
        #expect(reencoded.body == Array(parsed.utf8))
        #expect(reencoded.relay?.bodyIsExact == false)
        #expect(reencoded.analysis.signature.status == .invalid)
        #expect(reencoded.analysis.signature.reason?.hasPrefix("the body was re-encoded by smee (its event has no rawdata, or") == true, "\(reencoded.analysis.signature)")
        #expect(app.stdout.contains(#""source":"smee""#))
        #expect(try app.stop() == 0)
    }

    @Test func aDroppedStreamIsReconnectedAndTheStateSaysSo() throws {
        let smee = try FakeSmee()
        defer { smee.stop() }
        let channel = smee.channel("drops")
        let app = try RunningHookscope(["--json", "--source", "smee:\(channel)"], environment: Self.isolated)
        defer { _ = try? app.stop() }
        try TunnelCommandTests.waitFor(app, "smee: up \(channel)")
        try smee.dropStreams()
        try TunnelCommandTests.waitFor(app, "smee \(channel): down (the server closed the stream); reconnecting in 1 s")
        _ = try Poll.until(timeout: 20) { smee.connections >= 2 && app.stderr.components(separatedBy: "smee: up \(channel)").count == 3 ? true : nil }
        try smee.send(#"{"content-type":"text/plain","body":"after the drop","timestamp":1}"#)
        let exchanges = try Self.lines(app, count: 1)
        #expect(exchanges[0].body == Array("after the drop".utf8))
        // The server gone: each attempt fails at once and says why, waiting longer each time.
        smee.stop()
        try TunnelCommandTests.waitFor(app, "smee \(channel): down (cannot connect: connection refused); reconnecting in 4 s")
        #expect(try app.stop() == 0)
    }

    @Test func aRelayedDeliveryIsForwardedToTheApp() throws {
        let smee = try FakeSmee()
        defer { smee.stop() }
        let upstream = try RunningHookscope(["--json", "--status", "202"], environment: Self.isolated)
        defer { _ = try? upstream.stop() }
        let channel = smee.channel("forwarded")
        let app = try RunningHookscope(["--json", "--source", "smee:\(channel)", "--forward", upstream.url + "/app"], environment: Self.isolated)
        defer { _ = try? app.stop() }
        try TunnelCommandTests.waitFor(app, "smee: up \(channel)")
        let raw = "{\"n\": 1}"
        try smee.send(Self.eventData(headers: [HeaderField("content-type", "application/json"), HeaderField("x-custom", "kept")], raw: raw, parsed: #"{"n":1}"#, rawdata: true))
        let received = try Self.lines(upstream, count: 1)[0]
        #expect(received.target == "/app/?from=smee%20test")
        #expect(received.body == Array(raw.utf8))
        #expect(received.headers.first(named: "x-custom") == "kept")
        let recorded = try Self.lines(app, count: 1)[0]
        #expect(recorded.upstream?.status == 202)
        #expect(recorded.response?.source == .relay)
        #expect(try app.stop() == 0)
    }

    @Test func smeeNewPrintsTheChannelTheServerRedirectsTo() throws {
        let smee = try FakeSmee()
        defer { smee.stop() }
        let result = try HookscopeCommand.run(["smee", "new", "--server", "http://127.0.0.1:\(smee.port)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "http://127.0.0.1:\(smee.port)/fresh-channel-1\n")
        #expect(result.stderr.contains("hookscope --source smee:http://127.0.0.1:\(smee.port)/fresh-channel-1"))
        let refused = try HookscopeCommand.run(["listen", "--port", "0", "--source", "smee:https://smee.io/"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("a smee URL names its channel"))
        // A server that is no URL is said to be a smee server, not a public URL (seen walking the README).
        let badServer = try HookscopeCommand.run(["smee", "new", "--server", "http://127.0.0.1:"])
        #expect(badServer.status != 0)
        #expect(badServer.stderr.contains("--server: 'http://127.0.0.1:' has no usable host[:port]; a smee server is https://host or http://host:port"), "\(badServer.stderr)")
        #expect(!badServer.stderr.contains("public URL"))
        let badChannel = try HookscopeCommand.run(["listen", "--port", "0", "--source", "smee:ftp://smee.io/x"])
        #expect(badChannel.stderr.contains("a smee channel URL is https://host"), "\(badChannel.stderr)")
    }
}

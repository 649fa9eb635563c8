import Foundation
import HookscopeCore
import Testing

/// `--source smee:` in the full-screen UI (#17), on the real binary reading a local server
/// that speaks smee's protocol (FakeSmee).
extension TerminalUITests {
    /// A delivery whose event has no rawdata: in the list marked smee, and its detail says
    /// smee answered the sender and the body is smee's re-encoding (so its signature reason
    /// says so instead of a bare invalid).
    @Test func aSmeeDeliveryIsMarkedSmeeAndItsDetailSaysTheBodyWasReencoded() throws {
        let smee = try FakeSmee()
        defer { smee.stop() }
        let channel = smee.channel("tui-channel")
        let tmux = try start(arguments: ["--secret", "github=\(SmeeCommandTests.secret)", "--source", "smee:\(channel)"])
        defer { tmux.kill() }
        // The top bar names a channel only while it is not up.
        try waitForScreen(tmux, "the channel connected") { screen in
            smee.connections >= 1 && screen.split(separator: "\n").first.map { !$0.contains("smee") && $0.contains("127.0.0.1") } == true
        }
        let raw = "{ \"zen\": \"Design for failure.\",  \"hook_id\": 7 }"
        let parsed = #"{"zen":"Design for failure.","hook_id":7}"#
        try smee.send(SmeeCommandTests.eventData(
            headers: try SmeeCommandTests.githubHeaders(body: raw, id: "tui-1"), raw: raw, parsed: parsed, rawdata: false
        ))
        let list = try waitForScreen(tmux, "the relayed row") { $0.contains("smee github push") }
        #expect(!list.contains("tui-channel"), "the channel URL is a secret:\n\(list)")
        try tmux.sendKeys("Enter")
        let detail = try waitForScreen(tmux, "the detail") { $0.contains("source: smee") }
        // Words may wrap at the screen's edge: compare with the line breaks taken out.
        let words = detail.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("smee answered the sender itself"), "\(detail)")
        #expect(words.contains("the body is smee's re-encoding of what it parsed, not the sender's bytes"), "\(detail)")
        #expect(!detail.contains("tui-channel"), "the channel URL is a secret:\n\(detail)")
        try tmux.sendKeys("2")
        let signature = try waitForScreen(tmux, "the signature tab") { $0.contains("re-encoded") }
        let reason = signature.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(reason.contains("the body was re-encoded by smee"), "\(signature)")
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited 0") }
    }
}

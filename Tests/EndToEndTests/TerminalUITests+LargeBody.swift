import Foundation
import Testing

extension TerminalUITests {
    /// Issue #12 point 7, as a user meets it: a 6.2 MB JSON body sent with curl opens as
    /// pretty JSON of the part shown, with a note that says so, and `w` on the detail
    /// screen writes all 6.2 MB to the typed path (before: w did nothing there, and the
    /// body was one raw line).
    @Test func wSavesAllOfALargeBodyFromTheDetailScreen() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-large-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = #"{"items":["#
        for index in 0..<161_000 { text += (index > 0 ? "," : "") + #"{"id":\#(index),"name":"item \#(index) ééé"}"# }
        text += "]}"
        let sent = Array(text.utf8)
        let bodyFile = directory + "/sent.json"
        FileManager.default.createFile(atPath: bodyFile, contents: Data(sent))
        let tmux = try start()
        defer { tmux.kill() }
        let port = try listeningPort(tmux)
        try waitForScreen(tmux, "the top bar") { $0.contains("http://127.0.0.1:\(port)") }
        let status = try Self.curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                                    "--data-binary", "@" + bodyFile, "http://127.0.0.1:\(port)/hooks/large"])
        #expect(status == "200")
        try waitForScreen(tmux, "the row") { $0.contains("/hooks/large") }
        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the pretty JSON with its note") { screen in
            screen.contains("pretty JSON of the first 64.0 KB of 6.2 MB, cut mid-document; w saves all of it")
                && screen.contains(#"  "items": ["#) && screen.contains(#"      "id": 0,"#)
        }
        let saved = directory + "/saved.json"
        try tmux.sendKeys("w")
        try waitForScreen(tmux, "the save prompt") { $0.contains("save the body of #1 (all of it) to: hookscope-1-body.json") }
        try tmux.sendKeys("C-u")
        try tmux.sendKeys("-l", saved)
        try tmux.sendKeys("Enter")
        try waitForScreen(tmux, "the saved message") { $0.contains("saved the body of #1 (6.2 MB) to \(saved.prefix(40))") }
        #expect(FileManager.default.contents(atPath: saved).map { [UInt8]($0) } == sent)
        try tmux.sendKeys("q")
        try waitForScreen(tmux, "the shell after quitting") { $0.contains("hookscope exited 0") }
    }
}

import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

/// The exported curl commands, run by a real shell and curl against a real capture
/// server: what arrives must be the original request, byte for byte.
@Suite(.offThePool) struct CurlExecutionTests {
    static func original(method: String, target: String, headers: [HeaderField], body: [UInt8]) -> Exchange {
        Exchange(receivedAt: .now(), remote: "127.0.0.1:1", method: method, target: target, headers: headers, body: body)
    }

    static let cases: [Exchange] = [
        original(
            method: "POST", target: "/hooks/teamwork?debug=1&x=%20y",
            headers: [
                HeaderField("Host", "app.example:443"), HeaderField("User-Agent", "Teamwork-Webhooks/2.1"),
                HeaderField("Content-Type", "application/json"), HeaderField("Event", "deals.created"),
                HeaderField("X-Dup", "first"), HeaderField("x-dup", "second"), HeaderField("X-Quote", "it's \"quoted\" $HOME `x`"),
                HeaderField("X-Empty", ""), HeaderField("Content-Length", "31"),
            ],
            body: Array(#"{"id":1,"name":"Zoë 'quoted'"}"#.utf8)
        ),
        original(
            method: "PUT", target: "/bin/../raw[1]",
            headers: [HeaderField("Host", "h"), HeaderField("Content-Length", "2048")],
            body: randomBytes(2048)
        ),
        original(
            method: "POST", target: "/nul-free",
            headers: [HeaderField("Host", "h"), HeaderField("Content-Length", "5")],
            body: [0xFF, 0x1B, 0x5B, 0x41, 0x5C]
        ),
        original(
            method: "POST", target: "/chunked",
            headers: [HeaderField("Host", "h"), HeaderField("Transfer-Encoding", "chunked"), HeaderField("Accept", "*/*")],
            body: Array(String(repeating: "line of text\n", count: 200).utf8)
        ),
        original(
            method: "POST", target: "/crlf",
            headers: [HeaderField("Host", "h"), HeaderField("Content-Length", "19")],
            body: Array("line1\r\nline2\r\n$x'\\n".utf8)
        ),
        original(method: "GET", target: "/get?only=query", headers: [HeaderField("Host", "h"), HeaderField("Accept", "text/html")], body: []),
        original(method: "DELETE", target: "/thing/1", headers: [HeaderField("Host", "h"), HeaderField("Content-Length", "0")], body: []),
    ]

    /// Runs the command from a script file, as `export --curl` writes them (a command
    /// line of its own would be limited to 128 KiB per argument by the kernel).
    func runShell(_ script: String, shell: String = "/bin/bash") throws -> Int32 {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-curl-\(UUID()).sh")
        try Data((script + "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = [file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func expectSameRequest(_ got: Exchange, _ want: Exchange) {
        #expect(got.method == want.method, "\(want.target)")
        #expect(got.target == want.target, "\(want.target)")
        #expect(got.headers == want.headers, "\(want.target)")
        #expect(got.body == want.body, "\(want.target)")
    }

    /// dash is what `sh` is on Debian: the script must be POSIX (issue #12, point 4).
    @Test(arguments: ["/usr/bin/dash", "/bin/bash"])
    func inlineCommandsReproduceTheRequests(shell: String) async throws {
        let server = try await TestServer()
        for original in Self.cases {
            let command = CurlExport.command(for: original, baseURL: server.url)
            #expect(try runShell(command + " --max-time 20 -sS -o /dev/null", shell: shell) == 0, "\(command)")
        }
        let received = try server.waitForCompleted(Self.cases.count)
        for (got, want) in zip(received, Self.cases) { expectSameRequest(got, want) }
        await server.stop()
    }

    @Test func bodyFilesReproduceBinaryBodiesIncludingNUL() async throws {
        let server = try await TestServer()
        var withNUL = Self.cases[1]
        withNUL.body = [0x00] + randomBytes(70_000) + [0x00]
        withNUL.headers = [HeaderField("Host", "h"), HeaderField("Content-Length", String(withNUL.body.count))]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-curl-\(UUID()).body")
        try Data(withNUL.body).write(to: file)
        #expect(CurlExport.prefersBodyFile(withNUL))
        let viaFile = CurlExport.command(for: withNUL, baseURL: server.url, bodyFile: file.path)
        #expect(try runShell(viaFile + " -sS -o /dev/null") == 0)
        // Without a file a NUL byte travels through printf and standard input.
        let viaPrintf = CurlExport.command(for: withNUL, baseURL: server.url)
        #expect(viaPrintf.hasPrefix("printf "))
        #expect(try runShell(viaPrintf + " -sS -o /dev/null") == 0)
        let received = try server.waitForCompleted(2)
        expectSameRequest(received[0], withNUL)
        expectSameRequest(received[1], withNUL)
        await server.stop()
    }
}

import Foundation

/// The app on the developer's laptop, for the tunnel's tests: python3's http.server on
/// 127.0.0.1, port 0. It answers `status` with the request's body reversed (so both
/// directions are checked byte for byte), `X-App: NAME` and `X-Request-Length`; a path
/// under `/hang` never answers. Each request's path is logged, one a line, as it arrives.
final class RemoteForwardTestApp: @unchecked Sendable {
    static let script = #"""
    import http.server, socketserver, sys, time
    status, name, log = int(sys.argv[1]), sys.argv[2], open(sys.argv[3], "a", buffering=1)
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            log.write(self.path + "\n")
            if self.path.startswith("/hang"):
                time.sleep(3600)
            reply = bytes(reversed(body))
            self.send_response(status)
            self.send_header("X-App", name)
            self.send_header("X-Request-Length", str(len(body)))
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
        def log_message(self, *args):
            pass
    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True
    server = Server(("127.0.0.1", 0), Handler)
    sys.stderr.write("PORT %d\n" % server.server_address[1]); sys.stderr.flush()
    server.serve_forever()
    """#

    let process = Process()
    let logPath: String
    private(set) var port = 0
    var url: String { "http://127.0.0.1:\(port)" }

    init(status: Int = 201, name: String = "laptop") throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        logPath = dir.appendingPathComponent("paths").path
        let stderrPath = dir.appendingPathComponent("stderr").path
        FileManager.default.createFile(atPath: logPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, "\(status)", name, logPath]
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
        port = try Poll.until(timeout: 20) { () -> Int? in
            let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }) else { return nil }
            return Int(line.dropFirst(5))
        }
    }

    /// The paths received so far, in arrival order.
    var receivedPaths: [String] {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// curl as the sender: status, headers and the body's exact bytes.
struct CurlResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

final class CurlRequest: @unchecked Sendable {
    let process = Process()
    let dir: URL

    /// Starts `curl --data-binary` to `url`; `maxTime` bounds the whole exchange.
    init(post url: String, body: [UInt8], maxTime: Int = 30) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let bodyPath = dir.appendingPathComponent("request").path
        FileManager.default.createFile(atPath: bodyPath, contents: Data(body))
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "curl", "-sS", "--max-time", "\(maxTime)", "-H", "Expect:", "-H", "Content-Type: application/octet-stream",
            "--data-binary", "@\(bodyPath)", "-D", dir.appendingPathComponent("headers").path,
            "-o", dir.appendingPathComponent("body").path, url,
        ]
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits for curl; throws when it failed (its --max-time passed, or no answer).
    func wait() throws -> CurlResponse {
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PollTimeout(description: "curl exited with \(process.terminationStatus)")
        }
        let headerText = (try? String(contentsOf: dir.appendingPathComponent("headers"), encoding: .utf8)) ?? ""
        let lines = headerText.components(separatedBy: "\r\n")
        let statusLine = lines.first { $0.hasPrefix("HTTP/") } ?? ""
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let body = (try? Data(contentsOf: dir.appendingPathComponent("body"))).map { Array($0) } ?? []
        return CurlResponse(status: status, headers: headers, body: body)
    }

    static func post(_ url: String, body: [UInt8], maxTime: Int = 30) throws -> CurlResponse {
        try CurlRequest(post: url, body: body, maxTime: maxTime).wait()
    }
}

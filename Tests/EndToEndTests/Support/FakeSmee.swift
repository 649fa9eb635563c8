import Foundation

/// A local server speaking smee's protocol (probot/smee.io, as shared/ingress-facts.md
/// says), in Python on 127.0.0.1 port 0: `GET /new` answers 307 with a channel's URL in
/// `Location`; `GET /CHANNEL` is a `text/event-stream` that sends `event: ready` with
/// `data: {}`, then each file the test drops into `events/` (named in order) as a
/// delivery (`id: N`, `data: …`), and `event: ping` every second. A file `drop` makes the
/// server close every open stream once (then it is removed); `connections` counts the
/// streams opened. Like smee, events sent while nobody listens are not replayed.
final class FakeSmee: @unchecked Sendable {
    let directory: URL
    let process = Process()
    private(set) var port = 0

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-fake-smee-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("events"), withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("smee.py")
        try Self.server.write(to: script, atomically: true, encoding: .utf8)
        let portFile = directory.appendingPathComponent("port").path
        process.executableURL = URL(fileURLWithPath: ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3")
        process.arguments = [script.path, directory.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        port = try Poll.until(timeout: 20) { () -> Int? in
            (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// The URL of a channel on this server.
    func channel(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }

    private var sent = 0

    /// Sends one delivery to every open stream: `data` is the event's JSON as smee writes it.
    func send(_ data: String) throws {
        sent += 1
        let name = String(format: "%06d", sent)
        let temporary = directory.appendingPathComponent("tmp-\(name)")
        try data.write(to: temporary, atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(at: temporary, to: directory.appendingPathComponent("events/\(name)"))
    }

    /// Closes every open stream once (the server stays up for the reconnection).
    func dropStreams() throws {
        try "".write(to: directory.appendingPathComponent("drop"), atomically: true, encoding: .utf8)
    }

    var connections: Int {
        Int(((try? String(contentsOf: directory.appendingPathComponent("connections"), encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    func stop() {
        // SIGKILL: a child of a test thread inherits its blocked signals, SIGTERM among them.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    private static let server = #"""
    import http.server, os, sys, threading, time
    directory = sys.argv[1]
    events = os.path.join(directory, "events")
    lock = threading.Lock()
    connections = [0]

    class Smee(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def do_GET(self):
            if self.path == "/new":
                self.send_response(307)
                self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/fresh-channel-1")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if "text/event-stream" not in self.headers.get("Accept", ""):
                body = b"<html>a channel page</html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            with lock:
                connections[0] += 1
                with open(os.path.join(directory, "connections"), "w") as f: f.write(str(connections[0]))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            def chunk(text):
                data = text.encode()
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()
            seen = set(os.listdir(events))
            chunk("event: ready\ndata: {}\n\n")
            last_ping = time.time()
            try:
                while True:
                    if os.path.exists(os.path.join(directory, "drop")):
                        try: os.remove(os.path.join(directory, "drop"))
                        except FileNotFoundError: pass
                        self.close_connection = True
                        self.wfile.write(b"0\r\n\r\n")
                        return
                    for name in sorted(os.listdir(events)):
                        if name in seen: continue
                        seen.add(name)
                        with open(os.path.join(events, name)) as f: data = f.read()
                        chunk(f"id: {int(name)}\ndata: {data}\n\n")
                    if time.time() - last_ping > 1:
                        chunk("event: ping\ndata: {}\n\n")
                        last_ping = time.time()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Smee)
    server.daemon_threads = True
    with open(os.path.join(directory, "port.tmp"), "w") as f: f.write(str(server.server_address[1]))
    os.rename(os.path.join(directory, "port.tmp"), os.path.join(directory, "port"))
    server.serve_forever()
    """#
}

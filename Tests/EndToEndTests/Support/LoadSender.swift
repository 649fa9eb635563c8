import Foundation

/// Sends many deliveries at once with random binary bodies (python3's http.client, one
/// kept-alive connection per thread) and records what it sent, so a test can compare
/// byte for byte: one JSON line per delivery, {"path", "body_b64", "status"}.
struct LoadSender {
    static let script = #"""
    import base64, http.client, json, os, sys, threading, time
    urls, count, threads, out, pause = sys.argv[1].split(","), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
    lock = threading.Lock()
    log = open(out, "w", buffering=1)
    def work(t):
        conns = {}
        for n in range(t, count, threads):
            host, port = urls[n % len(urls)].replace("http://", "").split(":")
            body = os.urandom(1 + (n * 37) % 2000)
            path = "/load/%d" % n
            for attempt in range(100):
                try:
                    c = conns.get(port) or http.client.HTTPConnection(host, int(port), timeout=30)
                    conns[port] = c
                    c.request("POST", path, body=body, headers={"Content-Type": "application/octet-stream"})
                    r = c.getresponse(); r.read(); status = r.status
                    break
                except (ConnectionError, http.client.HTTPException, OSError):
                    conns.pop(port, None)
            with lock:
                log.write(json.dumps({"path": path, "body_b64": base64.b64encode(body).decode(), "status": status}) + "\n")
            if pause: time.sleep(pause)
    ts = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    [t.start() for t in ts]; [t.join() for t in ts]
    """#

    let process = Process()
    let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-load-\(UUID().uuidString).jsonl").path

    /// Starts sending `count` deliveries over `threads` connections, round robin over `urls`,
    /// each thread pausing `pause` seconds after each answer.
    init(urls: [String], count: Int, threads: Int, pause: Double = 0) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, urls.joined(separator: ","), "\(count)", "\(threads)", outPath, "\(pause)"]
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Deliveries answered so far.
    var sentCount: Int {
        ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    func wait(timeout: TimeInterval = 300) throws -> [String: (body: [UInt8], status: Int)] {
        _ = try Poll.until(timeout: timeout, interval: 0.1) { process.isRunning ? nil : true }
        var sent: [String: (body: [UInt8], status: Int)] = [:]
        for line in try String(contentsOfFile: outPath, encoding: .utf8).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let body = Data(base64Encoded: object["body_b64"] as? String ?? "") ?? Data()
            sent[object["path"] as? String ?? ""] = (Array(body), object["status"] as? Int ?? 0)
        }
        return sent
    }
}

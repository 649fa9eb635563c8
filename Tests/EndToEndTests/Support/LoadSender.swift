import Foundation

/// Sends many deliveries at once with random binary bodies (python3's http.client, one
/// kept-alive connection per thread) and records what it sent, so a test can compare
/// byte for byte: one JSON line per delivery, {"path", "body_b64", "status", "attempts",
/// "errors"}.
///
/// A request that fails (connection reset or closed, no answer within 30 s) is sent again
/// on a new connection, so one path can reach the listener more than once: each is a
/// delivery of its own there, and a test that counts what the listener captured must
/// allow for `retries` (and say them when it fails).
struct LoadSender {
    /// One path as sent: its body, the status of its last attempt, how many attempts it
    /// took and why the others failed.
    struct Delivery {
        var body: [UInt8]
        var status: Int
        var attempts: Int
        var errors: [String]
    }

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
            errors, status = [], 0
            for attempt in range(100):
                try:
                    c = conns.get(port) or http.client.HTTPConnection(host, int(port), timeout=30)
                    conns[port] = c
                    c.request("POST", path, body=body, headers={"Content-Type": "application/octet-stream"})
                    r = c.getresponse(); r.read(); status = r.status
                    break
                except (ConnectionError, http.client.HTTPException, OSError) as e:
                    errors.append(type(e).__name__)
                    conns.pop(port, None)
            with lock:
                log.write(json.dumps({"path": path, "body_b64": base64.b64encode(body).decode(), "status": status,
                                      "attempts": attempt + 1, "errors": errors}) + "\n")
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

    func wait(timeout: TimeInterval = 300) throws -> [String: Delivery] {
        _ = try Poll.until(timeout: timeout, interval: 0.1) { process.isRunning ? nil : true }
        var sent: [String: Delivery] = [:]
        for line in try String(contentsOfFile: outPath, encoding: .utf8).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let body = Data(base64Encoded: object["body_b64"] as? String ?? "") ?? Data()
            sent[object["path"] as? String ?? ""] = Delivery(
                body: Array(body), status: object["status"] as? Int ?? 0,
                attempts: object["attempts"] as? Int ?? 1, errors: object["errors"] as? [String] ?? [])
        }
        return sent
    }
}

extension Dictionary where Key == String, Value == LoadSender.Delivery {
    /// Attempts past the first, over all paths: each may have reached the listener as a
    /// delivery of its own.
    var retries: Int { values.reduce(0) { $0 + $1.attempts - 1 } }

    /// For a failure message: "the sender retried 1 (/load/7: TimeoutError)", or "the
    /// sender retried nothing".
    var retrySummary: String {
        let retried = filter { $0.value.attempts > 1 }.sorted { $0.key < $1.key }
        guard !retried.isEmpty else { return "the sender retried nothing" }
        let which = retried.prefix(5).map { "\($0.key): \($0.value.errors.joined(separator: ", "))" }
        return "the sender retried \(retries) (\(which.joined(separator: "; "))\(retried.count > 5 ? "; …" : ""))"
    }
}

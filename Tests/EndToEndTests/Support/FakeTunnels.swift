import Foundation

/// A folder put first on `PATH` with fake `cloudflared`, `ngrok` and `ssh` programs that behave as
/// shared/ingress-facts.md says the real ones do (no network here): cloudflared logs to
/// standard error with a timestamp and a level and prints its quick tunnel's URL in a box;
/// ngrok logs JSON lines on standard output, says where its web service listens, and serves
/// `/api/tunnels` there. Each run appends its PID to `pids` and its arguments to `args`.
/// A file `fail-N` makes run N log an error and exit 1 at once; `exit-after-url-N` makes
/// run N exit 1 after showing its URL (ngrok: once its API gave it); `hold-N` makes cloudflared's run N wait for `go-N`
/// before its URL; `trickle-N` makes ngrok's API trickle; `proxy` makes cloudflared relay TCP to its `--url`.
struct FakeTunnels {
    let directory: URL

    init(programs: [String] = ["cloudflared", "ngrok"]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-fake-tunnels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if programs.contains("cloudflared") {
            try install("cloudflared", Self.cloudflared)
            try install("proxy.py", Self.proxy(python: Self.python))
        }
        if programs.contains("ngrok") { try install("ngrok", Self.ngrok(python: Self.python)) }
        if programs.contains("ssh") { try install("ssh", Self.ssh) }
    }

    /// `PATH` with this folder first, for the hookscope under test.
    var environment: [String: String] {
        ["PATH": directory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    /// The PIDs of every run so far, in order.
    var pids: [Int32] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("pids"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { Int32($0) }
    }

    var arguments: [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("args"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Makes run `run` fail (`fail-N`, with this error) or exit after its URL.
    func failRun(_ run: Int, error: String) throws {
        try error.write(to: directory.appendingPathComponent("fail-\(run)"), atomically: true, encoding: .utf8)
    }

    /// Makes run `run` of the fake cloudflared wait before showing its URL until
    /// `release(run:)`: a test sees the state before it without racing the restart.
    func hold(run: Int) throws {
        try "".write(to: directory.appendingPathComponent("hold-\(run)"), atomically: true, encoding: .utf8)
    }

    func release(run: Int) throws {
        try "".write(to: directory.appendingPathComponent("go-\(run)"), atomically: true, encoding: .utf8)
    }

    /// Makes run `run` of the fake ngrok's API give this `public_url`.
    func ngrokURL(run: Int, _ url: String) throws {
        try url.write(to: directory.appendingPathComponent("bad-url-\(run)"), atomically: true, encoding: .utf8)
    }

    /// Makes run `run` of the fake ngrok's API answer a byte at a time, never ending, and
    /// create `asked` when it is asked.
    func trickleAPI(run: Int) throws {
        try "".write(to: directory.appendingPathComponent("trickle-\(run)"), atomically: true, encoding: .utf8)
    }

    /// What process `pid` holds open: descriptor and what it points at
    /// (`socket:[123]`, `pipe:[45]`, `anon_inode:[eventpoll]`, a path).
    static func openDescriptors(of pid: Int32) -> [Int: String] {
        let directory = "/proc/\(pid)/fd"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var open: [Int: String] = [:]
        for name in names {
            guard let fd = Int(name), let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\(name)") else { continue }
            open[fd] = target
        }
        return open
    }

    /// Makes the fake cloudflared start a program of its own (`sleep`, in its process
    /// group), as ssh's ProxyCommand does, before its URL; its PID is `grandchild(run:)`.
    func startGrandchild() throws {
        try "".write(to: directory.appendingPathComponent("grandchild"), atomically: true, encoding: .utf8)
    }

    func grandchild(run: Int) -> Int32? {
        (try? String(contentsOf: directory.appendingPathComponent("grandchild-\(run)"), encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    var apiWasAsked: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("asked").path) }

    func exitAfterURL(run: Int) throws {
        try "".write(to: directory.appendingPathComponent("exit-after-url-\(run)"), atomically: true, encoding: .utf8)
    }

    /// Makes the fake cloudflared carry TCP as the real one does: after its URL it listens on
    /// 127.0.0.1 (the port in `proxyPort`) and relays each connection to its `--url`, until
    /// it is signalled, when every relayed connection dies with it.
    func proxyToURL() throws {
        try "".write(to: directory.appendingPathComponent("proxy"), atomically: true, encoding: .utf8)
    }

    /// The port the proxying fake listens on, once it does.
    var proxyPort: Int? {
        (try? String(contentsOf: directory.appendingPathComponent("proxy-port"), encoding: .utf8)).flatMap { Int($0) }
    }

    /// The URL run `run` of the fake cloudflared prints.
    static func cloudflaredURL(run: Int) -> String { "https://fake-quick-tunnel-run\(run).trycloudflare.com" }
    static func ngrokURL(run: Int) -> String { "https://fa\(run)e-12-34.ngrok-free.app" }

    /// Whether a process with this PID still exists (a zombie counts as gone: it has ended).
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        return !status.contains("State:\tZ")
    }

    func remove() {
        for pid in pids where Self.isAlive(pid) { kill(pid, SIGKILL) }
        for run in pids.indices { if let pid = grandchild(run: run + 1), Self.isAlive(pid) { kill(pid, SIGKILL) } }
        try? FileManager.default.removeItem(at: directory)
    }

    private func install(_ name: String, _ script: String) throws {
        let path = directory.appendingPathComponent(name).path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
    }

    private static var python: String {
        ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/env python3"
    }

    /// serveo.net prints `Forwarding HTTP traffic from https://<name>.serveo.net`; another
    /// host (the user's own) prints nothing about a URL. With `-v`, as OpenSSH does, it says
    /// `debug1: remote forward success for: listen 80, connect …` once the forward exists
    /// (`hold-N`: only after `go-N`); `fail-N`: the login is refused and it exits 255.
    private static let ssh = #"""
    #!/bin/sh
    dir="$(dirname "$0")"
    echo $$ >> "$dir/pids"
    echo "$*" >> "$dir/args"
    run=$(wc -l < "$dir/pids" | tr -d ' ')
    for last in "$@"; do :; done
    echo "debug1: Connecting to $last port 22." >&2
    if [ -f "$dir/fail-$run" ]; then
        echo "$last: Permission denied (publickey)." >&2
        exit 255
    fi
    if [ -f "$dir/hold-$run" ]; then
        while [ ! -f "$dir/go-$run" ]; do sleep 0.05; done
    fi
    echo "debug1: remote forward success for: listen 80, connect $2" | sed 's/connect 80:/connect /' >&2
    case "$last" in
        *serveo.net) echo "Forwarding HTTP traffic from https://fake-ssh-tunnel.serveo.net" ;;
        *) echo "Welcome to $last" ;;
    esac
    exec sleep 600
    """#

    private static let cloudflared = #"""
    #!/bin/sh
    dir="$(dirname "$0")"
    echo $$ >> "$dir/pids"
    echo "$*" >> "$dir/args"
    run=$(wc -l < "$dir/pids" | tr -d ' ')
    ts() { date -u +%Y-%m-%dT%H:%M:%SZ; }
    echo "$(ts) INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out." >&2
    echo "$(ts) INF Requesting new quick Tunnel on trycloudflare.com..." >&2
    if [ -f "$dir/fail-$run" ]; then
        echo "$(ts) ERR Failed to create new quick Tunnel error=\"$(cat "$dir/fail-$run")\"" >&2
        exit 1
    fi
    if [ -f "$dir/hold-$run" ]; then
        while [ ! -f "$dir/go-$run" ]; do sleep 0.05; done
    fi
    if [ -f "$dir/grandchild" ]; then
        sleep 300 &
        echo $! > "$dir/grandchild-$run"
    fi
    echo "$(ts) INF +--------------------------------------------------------------------------------------------+" >&2
    echo "$(ts) INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |" >&2
    echo "$(ts) INF |  https://fake-quick-tunnel-run$run.trycloudflare.com                                       |" >&2
    echo "$(ts) INF +--------------------------------------------------------------------------------------------+" >&2
    if [ -f "$dir/exit-after-url-$run" ]; then
        echo "$(ts) ERR Connection terminated error=\"lost connection to the edge\"" >&2
        exit 1
    fi
    if [ -f "$dir/proxy" ]; then
        for last in "$@"; do :; done
        exec "$dir/proxy.py" "$last" "$dir/proxy-port"
    fi
    exec sleep 600
    """#

    /// `proxy.py URL PORTFILE`: relays connections from a port of its own to URL's port.
    private static func proxy(python: String) -> String {
        """
        #!\(python)
        """ + #"""

        import os, signal, socket, sys, threading, time
        upstream = int(sys.argv[1].rsplit(":", 1)[1])
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        with open(sys.argv[2] + ".tmp", "w") as f: f.write(str(listener.getsockname()[1]))
        os.rename(sys.argv[2] + ".tmp", sys.argv[2])
        def pipe(source, target):
            while True:
                data = source.recv(65536)
                if not data: break
                target.sendall(data)
            try: target.shutdown(socket.SHUT_WR)
            except OSError: pass
        # As cloudflared does on SIGTERM (its --grace-period: stop accepting, let requests
        # in progress finish, then exit): dying at once dropped an answer hookscope had
        # just written, and the test of a stop with a forward in flight failed for the fake.
        def on_term(signum, frame): raise KeyboardInterrupt
        signal.signal(signal.SIGTERM, on_term)
        relays = []
        try:
            while True:
                client, _ = listener.accept()
                server = socket.create_connection(("127.0.0.1", upstream))
                for source, target in ((client, server), (server, client)):
                    relay = threading.Thread(target=pipe, args=(source, target), daemon=True)
                    relay.start()
                    relays.append(relay)
        except KeyboardInterrupt:
            listener.close()
            grace = time.monotonic() + 2
            for relay in relays: relay.join(max(0, grace - time.monotonic()))
            os._exit(0)
        """#
    }

    private static func ngrok(python: String) -> String {
        """
        #!\(python)
        """ + #"""

        import json, os, sys, time, http.server, threading
        directory = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(directory, "pids"), "a") as f: f.write(f"{os.getpid()}\n")
        with open(os.path.join(directory, "args"), "a") as f: f.write(" ".join(sys.argv[1:]) + "\n")
        with open(os.path.join(directory, "pids")) as f: run = len(f.read().split())
        def log(**fields):
            fields["t"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            print(json.dumps(fields), flush=True)
        port = sys.argv[sys.argv.index("http") + 1]
        log(lvl="info", msg="open config file", path="/home/user/.config/ngrok/ngrok.yml", err=None)
        fail = os.path.join(directory, f"fail-{run}")
        if os.path.exists(fail):
            log(lvl="eror", msg="session closing", obj="tunnels.session", err=open(fail).read())
            sys.exit(1)
        tunnels = []
        answered = threading.Event()
        class API(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if os.path.exists(os.path.join(directory, f"trickle-{run}")):
                    open(os.path.join(directory, "asked"), "w").close()
                    try:
                        self.wfile.write(b"HTTP/1.0 200 OK\r\n")
                        while True:
                            self.wfile.write(b"x")
                            self.wfile.flush()
                            time.sleep(0.3)
                    except OSError:
                        return
                body = json.dumps({"tunnels": tunnels, "uri": "/api/tunnels"}).encode() if self.path == "/api/tunnels" else b"{}"
                self.send_response(200 if self.path == "/api/tunnels" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                if tunnels: answered.set()
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), API)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        log(lvl="info", msg="starting web service", obj="web", addr=f"127.0.0.1:{server.server_address[1]}", allow_hosts=[])
        log(lvl="info", msg="client session established", obj="tunnels.session")
        time.sleep(0.3)
        url = f"https://fa{run}e-12-34.ngrok-free.app"
        bad = os.path.join(directory, f"bad-url-{run}")
        if os.path.exists(bad): url = open(bad).read()
        tunnels.append({"name": "command_line", "ID": "x", "uri": "/api/tunnels/command_line", "public_url": url, "proto": "https",
                        "config": {"addr": f"http://localhost:{port}", "inspect": True}, "metrics": {}})
        log(lvl="info", msg="started tunnel", obj="tunnels", name="command_line", addr=f"http://localhost:{port}", url=url)
        if os.path.exists(os.path.join(directory, f"exit-after-url-{run}")):
            answered.wait()
            time.sleep(0.2)
            log(lvl="eror", msg="session closed", obj="tunnels.session", err="reconnecting to the ngrok service failed")
            sys.exit(1)
        while True: time.sleep(600)
        """#
    }
}

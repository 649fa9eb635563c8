"""The servers scripts/bench measures: nginx, hookscope in its output modes, mitmdump.

Every server runs pinned to core 0 (the load generator gets core 1), binds an ephemeral
port on 127.0.0.1, and is stopped by its own pid when the run ends.
"""
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

SERVER_CORE = "0"
CLIENT_CORE = "1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def rss_kib(pid, field="VmRSS"):
    """Resident memory in KiB; field="RssAnon" for the heap and stacks alone, without the
    binary's and libraries' pages (about 30 MiB of hookscope's RSS at rest)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Peer:
    """A server process; `command` is what the doc prints."""

    name = "peer"
    command = ""
    pid = None
    port = 0

    def start(self, work):
        raise NotImplementedError

    def stop(self):
        raise NotImplementedError


class ProcessPeer(Peer):
    def __init__(self, name, argv_for_port, stdout=subprocess.DEVNULL, env=None):
        self.name = name
        self.argv_for_port = argv_for_port
        self.stdout = stdout
        self.env = env
        self.process = None
        self.stderr_path = None

    def start(self, work):
        self.port = free_port()
        argv = ["taskset", "-c", SERVER_CORE] + self.argv_for_port(self.port)
        self.command = " ".join(argv) + (" > /dev/null" if self.stdout == subprocess.DEVNULL else "")
        self.stderr_path = Path(work) / f"{self.name.replace(' ', '_')}.stderr"
        self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self.stdout,
                                        stderr=open(self.stderr_path, "w"), env=self.env)
        self.pid = self.process.pid
        if not wait_for_port(self.port):
            raise RuntimeError(f"{self.name} did not start: {self.stderr_path.read_text()[-2000:]}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def stderr_text(self):
        return self.stderr_path.read_text() if self.stderr_path and self.stderr_path.exists() else ""


NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    client_max_body_size 20m;
    keepalive_requests 10000000;
    keepalive_timeout 120s;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            default_type application/json;
            return 200 '{{"ok":true}}';
        }}
    }}
}}
"""


class NginxPeer(ProcessPeer):
    """nginx answering `return 200` from one process (`master_process off`, one worker)."""

    def __init__(self):
        super().__init__("nginx", None)

    def start(self, work):
        conf = Path(work) / "nginx.conf"
        self.argv_for_port = lambda port: (
            conf.write_text(NGINX_CONF.format(work=work, port=port)),
            ["nginx", "-p", str(work), "-c", str(conf), "-e", f"{work}/nginx-error.log"],
        )[1]
        super().start(work)


def hookscope_peer(name, binary, extra, json=False):
    def argv(port):
        return [binary, "--port", str(port), "--headless"] + (["--json"] if json else []) + extra
    return ProcessPeer(name, argv)


class TUIPeer(Peer):
    """hookscope with its terminal UI in a detached tmux session (as scripts/soak does).

    The tmux server plays the user's terminal emulator: it runs on the client's core, so
    hookscope's core carries only hookscope (server and UI thread).
    """

    def __init__(self, binary, extra):
        self.name = "hookscope TUI"
        self.binary = binary
        self.extra = extra
        self.socket = f"hookscope-bench-{os.getpid()}"

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket] + list(args), check=check,
                              capture_output=True, text=True)

    def start(self, work):
        self.port = free_port()
        inner = " ".join([f"taskset -c {SERVER_CORE}", self.binary, "--port", str(self.port)] + self.extra)
        self.command = f"taskset -c {CLIENT_CORE} tmux -L SOCK new-session -d -x 120 -y 35 '{inner}'"
        subprocess.run(["taskset", "-c", CLIENT_CORE, "tmux", "-L", self.socket, "new-session", "-d",
                        "-x", "120", "-y", "35", f"{inner} 2>{work}/tui.stderr"], check=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if f"127.0.0.1:{self.port}" in self.tmux("capture-pane", "-p", check=False).stdout:
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("hookscope TUI did not show its address")
        found = subprocess.run(["pgrep", "-f", f"^{self.binary} --port {self.port}"], capture_output=True, text=True).stdout.split()
        self.pid = int(found[0]) if found else None

    def key_response_ms(self, key, expect, seconds=5.0):
        """Sends a key and waits until `expect` is on screen; milliseconds, or None."""
        started = time.monotonic()
        self.tmux("send-keys", key)
        while time.monotonic() - started < seconds:
            if expect in self.tmux("capture-pane", "-p", check=False).stdout:
                return (time.monotonic() - started) * 1000
            time.sleep(0.005)
        return None

    def stop(self):
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            for _ in range(200):
                if not Path(f"/proc/{self.pid}").exists():
                    break
                time.sleep(0.05)
        self.tmux("kill-server", check=False)


class MitmdumpPeer(ProcessPeer):
    """mitmdump as a reverse proxy in front of the upstream, quiet, no flow storage."""

    def __init__(self, mitmdump, upstream_port):
        super().__init__("mitmdump", lambda port: [
            mitmdump, "--mode", f"reverse:http://127.0.0.1:{upstream_port}", "--listen-host", "127.0.0.1",
            "--listen-port", str(port), "-q", "--set", "connection_strategy=lazy",
        ])

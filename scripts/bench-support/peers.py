"""The servers scripts/bench measures: nginx, hookscope in its output modes, mitmdump.

Every server runs pinned to core 0 (the load generator gets core 1) and is stopped by its
own pid when the run ends. No port is picked and hoped free: hookscope binds port 0 and
the port is read back from the kernel's socket table for its own pid; nginx and mitmdump,
which cannot bind port 0, get a port below the kernel's ephemeral range (so no outgoing
connection of the run can hold it), and the run goes on only once that pid is seen
listening there (another try with another port if it exits, e.g. EADDRINUSE).
"""
import os
import random
import re
import signal
import subprocess
import time
from pathlib import Path

SERVER_CORE = "0"
CLIENT_CORE = "1"
LISTEN_STATE = "0A"


def tcp_sockets():
    """(local port, state, inode) of every TCP socket on this machine (IPv4 and IPv6)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9:
                yield int(fields[1].rsplit(":", 1)[1], 16), fields[3], fields[9]


def listening_sockets():
    """inode -> port of every TCP socket in LISTEN state."""
    return {inode: port for port, state, inode in tcp_sockets() if state == LISTEN_STATE}


def ports_in_use():
    """Every local TCP port in any state (listening, connected, TIME_WAIT)."""
    return {port for port, _, _ in tcp_sockets()}


def descendants(pid):
    """pid and every process below it (a server started through taskset, perf or a shell)."""
    found, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{parent}/task/{task}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                found.append(child)
                frontier.append(child)
    return found


def listening_ports(pid):
    """(pid, port) for each TCP port that pid or a process below it listens on."""
    sockets = listening_sockets()
    found = []
    for each in descendants(pid):
        try:
            fds = os.listdir(f"/proc/{each}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(f"/proc/{each}/fd/{fd}")
            except OSError:
                continue
            match = re.fullmatch(r"socket:\[(\d+)\]", target)
            if match and match.group(1) in sockets:
                found.append((each, sockets[match.group(1)]))
    return found


def wait_for_listener(process, port=None, seconds=20.0):
    """(pid, port) once `process` (a Popen) or a process below it listens (on `port`, when
    given); None when it exits first or the time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return None
        for pid, bound in listening_ports(process.pid):
            if port is None or bound == port:
                return pid, bound
        time.sleep(0.02)
    return None


def spare_port():
    """A port for a server that cannot bind port 0: below the ephemeral range, where no
    outgoing connection is given one, and not in use now."""
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768
    used = ports_in_use()
    low = max(low, 2048)
    while True:
        port = random.randrange(max(1024, low - 12000), low)
        if port not in used:
            return port


def stop_on_sigterm():
    """Makes SIGTERM and SIGHUP end the script as an exception would, so that its
    `finally` blocks and atexit handlers stop the servers and remove the clusters it
    started (Python's default for both is to die on the spot and leave them running)."""
    def end(signum, _frame):
        raise SystemExit(f"stopped by signal {signum}")
    signal.signal(signal.SIGTERM, end)
    # Under nohup SIGHUP is ignored on purpose (a bench that outlives its ssh session).
    if signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        signal.signal(signal.SIGHUP, end)


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
    """A server started from `argv_for_port(port)`: with port 0 (hookscope) the kernel's
    choice is read back; `binds_port_zero=False` (nginx, mitmdump) gives it a spare port."""

    def __init__(self, name, argv_for_port, stdout=subprocess.DEVNULL, env=None, binds_port_zero=True):
        self.name = name
        self.argv_for_port = argv_for_port
        self.stdout = stdout
        self.env = env
        self.binds_port_zero = binds_port_zero
        self.process = None
        self.stderr_path = None

    def start(self, work, seconds=20.0):
        self.stderr_path = Path(work) / f"{self.name.replace(' ', '_')}.stderr"
        for _ in range(5):
            asked = 0 if self.binds_port_zero else spare_port()
            argv = ["taskset", "-c", SERVER_CORE] + self.argv_for_port(asked)
            with open(self.stderr_path, "w") as stderr:   # the child keeps its own copy
                self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self.stdout,
                                                stderr=stderr, env=self.env)
            # taskset execs the server: the Popen's pid is the server's.
            self.pid = self.process.pid
            listening = wait_for_listener(self.process, None if self.binds_port_zero else asked, seconds)
            if listening:
                self.port = listening[1]
                self.command = " ".join(argv) + \
                    (" > /dev/null" if self.stdout == subprocess.DEVNULL else "")
                return
            if self.process.poll() is None:   # alive but not listening in time
                self.process.kill()
                self.process.wait()
                break
            if self.binds_port_zero:            # exited: another port would not help
                break
        raise RuntimeError(f"{self.name} did not start: {self.stderr_text()[-2000:]}")

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
        super().__init__("nginx", None, binds_port_zero=False)

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
        inner = " ".join([f"taskset -c {SERVER_CORE}", self.binary, "--port", "0"] + self.extra)
        self.command = f"taskset -c {CLIENT_CORE} tmux -L SOCK new-session -d -x 120 -y 35 '{inner}'"
        subprocess.run(["taskset", "-c", CLIENT_CORE, "tmux", "-L", self.socket, "new-session", "-d",
                        "-x", "120", "-y", "35", f"{inner} 2>{work}/tui.stderr"], check=True)
        # The pane's process is the shell tmux starts the command with; hookscope is it or
        # below it, and the port it shows must be the one that process listens on.
        pane = int(self.tmux("display-message", "-p", "#{pane_pid}").stdout.strip())
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            shown = re.search(r"127\.0\.0\.1:(\d+)", self.tmux("capture-pane", "-p", check=False).stdout)
            if shown:
                mine = [pid for pid, port in listening_ports(pane) if port == int(shown.group(1))]
                if mine:
                    self.port, self.pid = int(shown.group(1)), mine[0]
                    return
            time.sleep(0.05)
        raise RuntimeError("hookscope TUI did not show an address it listens on: " +
                           self.tmux("capture-pane", "-p", check=False).stdout[-1000:])

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
        ], binds_port_zero=False)

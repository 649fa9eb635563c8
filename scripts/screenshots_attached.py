"""The shared store's screens (README: "Share a capture with your team"), from the real
binary in tmux, drawn as scripts/screenshots.py draws the local ones:

- attached.png: `hookscope attach URL` showing what a separate `listen --store` captured,
  with the shared plan it set in the top bar (who set it, when);
- tunnel.png: a delivery forwarded through the store by this `attach --forward` to a small
  local app, the Response tab saying it was relayed, with the round trip and the app's part;
- held.png, held-picker.png: `attach --intercept` with a request the listener holds
  (waiting, with its countdown; the reach line on the message line), then `a`'s picker.

Each scene has its own database on one throwaway PostgreSQL cluster (scripts/bench-support's
Cluster, the benchmarks' own), reached over TCP on localhost so that the top bar shows a URL
as a team's would be, not a socket directory.

Usage: screenshots_attached.py HOOKSCOPE_BINARY OUTPUT_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from screenshots import SECRETS, Tmux, free_port, post, render_png, send_deliveries, sign

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench-support"))
from store import Cluster  # noqa: E402

# Wide enough for the top bar to show the store's URL and the whole shared plan, with
# who set it and when (at 100 columns it ends in "…" before the name).
WIDTH, HEIGHT = 150, 30
ENVIRONMENT = "env TERM=xterm-256color LANG=C.UTF-8 TZ=UTC"


def wait_for_log(path, needle, timeout=30):
    """Polls a listener's log file until it holds `needle`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if needle in Path(path).read_text(errors="replace"):
            return
        time.sleep(0.05)
    raise SystemExit(f"{path} never said {needle!r}:\n{Path(path).read_text(errors='replace')[-2000:]}")


class Listener:
    """`hookscope listen --headless --store URL` on a port of its own, its log in files."""

    def __init__(self, binary, store, work, name, *flags):
        self.port = free_port()
        self.stderr = os.path.join(work, f"{name}.stderr")
        secrets = [f"--secret={k}={v}" for k, v in SECRETS.items()]
        with open(os.path.join(work, f"{name}.stdout"), "wb") as out, open(self.stderr, "wb") as err:
            self.process = subprocess.Popen([binary, "listen", "--port", str(self.port), "--headless", "--store", store,
                                             "--name", "server-1", *secrets, *flags],
                                            stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        wait_for_log(self.stderr, f"127.0.0.1:{self.port}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


class App(BaseHTTPRequestHandler):
    """The laptop's app behind `attach --forward`: 201 and a small JSON answer."""
    protocol_version = "HTTP/1.1"
    # An app's own name in its Server header, not Python's version.
    server_version, sys_version = "my-app/1.0", ""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = json.dumps({"received": True, "answered_by": "my laptop"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def teamwork(port, path, event, payload, delivery):
    body = json.dumps(payload).encode()
    post(port, path, body, {"Content-Type": "application/json", "Event": event, "Delivery": delivery,
                            "Signature": sign(SECRETS["teamwork"], body), "User-Agent": "Teamwork-Webhooks"})


def attach(binary, store, *flags):
    """The attached terminal UI in tmux; the shell stays so that a failure can be read."""
    arguments = " ".join(f"'{a}'" for a in [store, *flags])
    return Tmux(f"{ENVIRONMENT} {binary} attach {arguments}", width=WIDTH, height=HEIGHT)


def scene_shared(binary, store, work):
    """A listener captures; the attached UI shows it, under the plan it set at start."""
    listener = Listener(binary, store, work, "shared")
    tmux = attach(binary, store, "--respond", "202", "--rule", "provider=stripe -> 500")
    try:
        tmux.wait_until(lambda s: "set by " in s.split("\n")[0], "the shared plan in the top bar")
        wait_for_log(listener.stderr, "plan: --respond 202")
        send_deliveries(listener.port, {})
        tmux.wait_until(lambda s: any("/upload/avatar" in l and " 202 " in l for l in s.split("\n")), "the last delivery, answered")
        # The rate in the top bar is filled in at the clock's next tick: until then "-/s".
        tmux.wait_until(lambda s: "/s" in s.split("\n")[0] and "-/s" not in s.split("\n")[0], "the rate in the top bar")
        return {"attached.png": tmux.ansi()}
    finally:
        tmux.kill()
        listener.stop()


def scene_tunnel(binary, store, work):
    """`attach --forward` to a local app: the delivery relayed through the store."""
    app = ThreadingHTTPServer(("127.0.0.1", 0), App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    listener = Listener(binary, store, work, "tunnel")
    tmux = attach(binary, store, "--forward", f"http://127.0.0.1:{app.server_address[1]}")
    try:
        wait_for_log(listener.stderr, "remote forward: 1 forwarder attached")
        deal = {"deal": {"id": 4712, "name": "Globex renewal", "value": 8400.0, "stage": "won"}}
        teamwork(listener.port, "/hooks/teamwork", "deals.created", deal, "3f2a9c1e-6b7d-4e8f-9a0b-1c2d3e4f5a6b")
        tmux.wait_until(lambda s: any("by you" in l and " 201 " in l for l in s.split("\n")), "the forwarded row, 201 by you")
        tmux.keys("Enter", "3")
        tmux.wait_until(lambda s: "relayed" in s and "Round trip" in s, "the Response tab of the relayed answer")
        return {"tunnel.png": tmux.ansi()}
    finally:
        tmux.kill()
        listener.stop()
        app.shutdown()


def scene_held(binary, store, work):
    """`attach --intercept`: a held request waiting in the attached UI, then `a`'s picker."""
    listener = Listener(binary, store, work, "held", "--intercept-timeout", "120000")
    tmux = attach(binary, store, "--intercept")
    sender = None
    try:
        # A headless listener holds only while a terminal UI that may decide is attached.
        wait_for_log(listener.stderr, "intercept: new requests wait for a decision in the terminal UIs attached")
        tmux.wait_for("reaches 1 listener")
        payload = {"type": "push", "id": "evt_01JA", "created_at": "2026-12-02T10:41:07Z"}
        body = json.dumps(payload).encode()
        answered = []
        headers = {"Content-Type": "application/json", "X-GitProductivity-Signature": "sha256=" + sign(SECRETS["gitproductivity"], body)}
        # The sender waits longer than the three 20 s waits before "answered #1 with 503"
        # (and less than --intercept-timeout): giving up first would record `disconnected`.
        sender = threading.Thread(target=lambda: answered.append(post(listener.port, "/hooks/gitproductivity", body, headers, timeout=90)),
                                  daemon=True)
        sender.start()
        tmux.wait_until(lambda s: any("/hooks/gitproductivity" in l and "wait" in l for l in s.split("\n")), "the held row, waiting")
        shots = {"held.png": tmux.ansi()}
        tmux.keys("a")
        tmux.wait_for("Answer #1 with")
        shots["held-picker.png"] = tmux.ansi()
        # Let the sender go: 503, as the README's walk-through does.
        tmux.keys("-l", "503")
        tmux.keys("Enter")
        tmux.wait_for("answered #1 with 503")
        sender.join(timeout=20)
        if answered != [503]:
            raise SystemExit(f"the held request's sender got {answered or 'nothing yet'}, not 503")
        return shots
    finally:
        tmux.kill()
        listener.stop()


def main():
    binary, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    port = free_port()
    # Cluster's own tools (createdb) find the socket by the port: tell them which.
    os.environ["PGPORT"] = str(port)
    cluster = Cluster(settings=dict(Cluster.FAST, listen_addresses="localhost", port=str(port)))
    shots = {}
    try:
        with tempfile.TemporaryDirectory(prefix="hookscope-shots-") as work:
            for name, scene in [("hooks", scene_shared), ("tunnel", scene_tunnel), ("held", scene_held)]:
                cluster.database(name)
                shots.update(scene(binary, f"postgres://hookscope@localhost:{port}/{name}", work))
    finally:
        cluster.remove()
    for name, ansi in shots.items():
        render_png(ansi, os.path.join(out, name), width=WIDTH, height=HEIGHT)
        print(os.path.join(out, name))


if __name__ == "__main__":
    main()

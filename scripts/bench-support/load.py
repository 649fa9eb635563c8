"""Load generators for scripts/bench: wrk (closed loop) and openloop (open loop), both
pinned to the client core."""
import os
import re
import subprocess
from pathlib import Path

from peers import CLIENT_CORE

HERE = Path(__file__).resolve().parent
BODIES = {"1 KB": 1024, "64 KB": 64 * 1024, "1 MB": 1024 * 1024}


def write_bodies(work):
    """JSON objects of exactly 1 KB, 64 KB and 1 MB, shaped like a webhook delivery."""
    paths = {}
    head = '{"type":"bench.event","id":"evt_0001","created_at":"2026-11-23T21:00:00Z","data":{"pad":"'
    tail = '"}}'
    for label, size in BODIES.items():
        path = Path(work) / f"body-{size}.json"
        path.write_text(head + "a" * (size - len(head) - len(tail)) + tail)
        paths[label] = path
    return paths


def wrk_command(port, connections, seconds, path="/bench"):
    return ["taskset", "-c", CLIENT_CORE, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
            "-s", str(HERE / "post.lua"), f"http://127.0.0.1:{port}{path}"]


def run_wrk(port, connections, seconds, body_path):
    """Returns a dict with rps, p50/p99/p999 in ms, requests, errors; or None."""
    env = dict(os.environ, BENCH_BODY=str(body_path))
    out = subprocess.run(wrk_command(port, connections, seconds), capture_output=True, text=True,
                         env=env, timeout=seconds + 60).stdout
    m = re.search(r"BENCH requests=(\d+) duration_us=(\d+) p50_us=(\d+) p99_us=(\d+) p999_us=(\d+) max_us=(\d+) errors=(\d+)", out)
    if not m:
        return None
    requests, duration, p50, p99, p999, mx, errors = map(int, m.groups())
    return {"rps": requests / (duration / 1e6), "p50": p50 / 1000, "p99": p99 / 1000, "p999": p999 / 1000,
            "max": mx / 1000, "requests": requests, "errors": errors}


def openloop_command(binary, port, rate, seconds, connections, body_path):
    return ["taskset", "-c", CLIENT_CORE, str(binary), str(port), str(rate if isinstance(rate, str) else int(rate)), str(seconds), str(connections), str(body_path)]


def run_openloop(binary, port, rate, seconds, connections, body_path):
    out = subprocess.run(openloop_command(binary, port, rate, seconds, connections, body_path),
                         capture_output=True, text=True, timeout=seconds + 30)
    m = re.search(r"OPENLOOP rate=(\d+) achieved=(\d+) sent=(\d+) done=(\d+) recorded=(\d+) p50_us=(-?\d+) p99_us=(-?\d+) p999_us=(-?\d+) max_us=(-?\d+)", out.stdout)
    if not m:
        return {"error": (out.stdout + out.stderr).strip()[-300:]}
    rate, achieved, sent, done, recorded, p50, p99, p999, mx = map(int, m.groups())
    return {"rate": rate, "achieved": achieved, "sent": sent, "done": done, "p50": p50 / 1000,
            "p99": p99 / 1000, "p999": p999 / 1000, "max": mx / 1000, "complete": out.returncode == 0}

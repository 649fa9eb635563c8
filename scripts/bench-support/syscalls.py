"""System calls, context switches and CPU time per request, for scripts/bench-syscalls.

The server runs under `perf stat` with its counters disabled; they are enabled for one wrk
run (keep-alive, POSTs of one body, as scripts/bench drives it) and disabled after it, so
start-up and warm-up do not count. perf counts every thread of the server (it follows the
threads the server starts); the kernel's own work for the server (softirqs, wake-ups of
the load generator) shows in its system time, not in the counts. User and system time per
request come from /proc (every thread, clock ticks), read before and after the same run.

Syscall counts do not depend on the machine's load except through batching (how many
connections one epoll_wait returns, how many lines one write of the printer carries), so
they compare across a busy machine; CPU time per request moves with the neighbours (cache,
frequency) and is for comparisons within one run, old and new binaries interleaved. The
syscall tracepoints cost time of their own: with --cpu-only perf counts only context
switches and page faults, for CPU times without that cost.
"""
import argparse
import os
import re
import signal
import subprocess
import tempfile
from pathlib import Path

from peers import CLIENT_CORE, NGINX_CONF, SERVER_CORE, spare_port, stop_on_sigterm, wait_for_listener

SYSCALLS = ["read", "recvfrom", "write", "writev", "epoll_wait", "epoll_ctl", "futex", "clock_nanosleep",
            "timerfd_settime", "mprotect", "madvise", "ioctl"]
EVENTS = ["raw_syscalls:sys_enter", "context-switches", "page-faults"] + [f"syscalls:sys_enter_{name}" for name in SYSCALLS]
CPU_ONLY_EVENTS = ["context-switches", "page-faults"]
POST_LUA = str(Path(__file__).with_name("post.lua"))


def server_argv(peer, binary, port, work):
    if peer == "nginx":
        conf = Path(work) / "nginx.conf"
        conf.write_text(NGINX_CONF.format(work=work, port=port))
        return ["nginx", "-p", str(work), "-c", str(conf), "-e", f"{work}/nginx-error.log"]
    return [binary, "--port", str(port), "--headless", "--max-memory", "64MiB"] + (["--json"] if peer == "--json" else [])


def wrk(port, body, connections, seconds):
    env = dict(os.environ, BENCH_BODY=str(body))
    out = subprocess.run(
        ["taskset", "-c", CLIENT_CORE, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", POST_LUA,
         f"http://127.0.0.1:{port}/bench"], capture_output=True, text=True, env=env).stdout
    found = re.search(r"BENCH requests=(\d+) .*errors=(\d+)", out)
    if not found:
        raise SystemExit("bench-syscalls: no result from wrk: " + out[-500:])
    return int(found.group(1)), int(found.group(2))


def cpu_ticks(pid):
    """User and system clock ticks of every thread of `pid`, summed; threads that ended
    during the run are counted in the process's own figures, so these are read from
    /proc/PID/stat (the whole process, dead threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]), int(fields[12])


def measure(peer, binary, body, connections, seconds, cpu_only):
    """One run: returns requests and the per-request figures."""
    with tempfile.TemporaryDirectory(prefix="hookscope-syscalls-") as work:
        # hookscope binds port 0 and the port is read back; nginx cannot (spare_port).
        asked = spare_port() if peer == "nginx" else 0
        ctl, ack = Path(work) / "ctl", Path(work) / "ack"
        os.mkfifo(ctl)
        os.mkfifo(ack)
        out = Path(work) / "perf.csv"
        events = CPU_ONLY_EVENTS if cpu_only else EVENTS
        perf = subprocess.Popen(
            ["perf", "stat", "-x,", "-o", str(out), "-D", "-1", "--control", f"fifo:{ctl},{ack}", "-e", ",".join(events),
             "--", "taskset", "-c", SERVER_CORE] + server_argv(peer, binary, asked, work),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server = None
        try:
            listening = wait_for_listener(perf, asked or None, seconds=60)
            if not listening:
                raise SystemExit(f"bench-syscalls: {peer} did not start (listening on {asked or 'port 0'})")
            server, port = listening
            wrk(port, body, connections, 1)  # warm-up: connections, buffers, the printer's thread
            user0, sys0 = cpu_ticks(server)
            with open(ctl, "w") as control, open(ack) as acknowledged:
                control.write("enable\n")
                control.flush()
                acknowledged.readline()
                requests, errors = wrk(port, body, connections, seconds)
                control.write("disable\n")
                control.flush()
                acknowledged.readline()
            user1, sys1 = cpu_ticks(server)
        finally:
            if server:
                os.kill(server, signal.SIGTERM)  # perf writes its counts when its child ends
            try:
                perf.wait(timeout=60)
            except subprocess.TimeoutExpired:
                perf.kill()
                perf.wait()
        counts = {}
        for line in out.read_text().splitlines():
            parts = line.split(",")
            if len(parts) > 3 and parts[0].isdigit():
                counts[parts[2].replace("syscalls:sys_enter_", "")] = int(parts[0])
    tick = os.sysconf("SC_CLK_TCK")
    figures = {name: value / requests for name, value in counts.items()}
    figures["user_us"] = (user1 - user0) * 1e6 / tick / requests
    figures["sys_us"] = (sys1 - sys0) * 1e6 / tick / requests
    return requests, errors, figures


def main():
    stop_on_sigterm()
    parser = argparse.ArgumentParser()
    parser.add_argument("--binaries", required=True, help="name=path,name=path: hookscope binaries, measured in turn")
    parser.add_argument("--peers", default="nginx,headless,--json")
    parser.add_argument("--sizes", default="1024,65536", help="body sizes in bytes")
    parser.add_argument("-c", "--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=1, help="every configuration this many times, interleaved")
    parser.add_argument("--cpu-only", action="store_true", help="no syscall tracepoints: CPU time and switches only")
    args = parser.parse_args()
    binaries = dict(item.split("=", 1) for item in args.binaries.split(","))
    peers = [p.strip() for p in args.peers.split(",")]
    columns = ["raw_syscalls:sys_enter", "read", "recvfrom", "write", "writev", "epoll_wait", "epoll_ctl", "futex",
               "clock_nanosleep", "mprotect", "ioctl", "context-switches", "page-faults", "user_us", "sys_us"]
    if args.cpu_only:
        columns = ["context-switches", "page-faults", "user_us", "sys_us"]
    names = {"raw_syscalls:sys_enter": "syscalls", "context-switches": "switches", "user_us": "user µs", "sys_us": "sys µs"}
    print(f"c={args.connections}, {args.seconds} s a run; per request:\n")
    print("| body | server | requests | " + " | ".join(names.get(c, c) for c in columns) + " |")
    print("|---|---|---:|" + "---:|" * len(columns))
    with tempfile.TemporaryDirectory(prefix="hookscope-syscalls-bodies-") as bodies:
        for size in [int(s) for s in args.sizes.split(",")]:
            body = Path(bodies) / f"body-{size}.json"
            head = '{"type":"bench.event","id":"evt_0001","created_at":"2026-11-23T21:00:00Z","data":{"pad":"'
            tail = '"}}'
            body.write_text(head + "a" * (size - len(head) - len(tail)) + tail)  # scripts/bench's shape
            for _ in range(args.rounds):
                for peer in peers:
                    runs = [("nginx", None)] if peer == "nginx" else [(f"{name} {peer}", path) for name, path in binaries.items()]
                    for label, binary in runs:
                        requests, errors, figures = measure(peer, binary, body, args.connections, args.seconds, args.cpu_only)
                        cells = [f"{figures.get(c, 0):.1f}" if c.endswith("_us") else f"{figures.get(c, 0):.3f}" for c in columns]
                        size_text = f"{size // 1024} KB" if size % 1024 == 0 else f"{size} B"
                        print(f"| {size_text} | {label} | {requests}{f' ({errors} errors)' if errors else ''} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()

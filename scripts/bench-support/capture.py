"""HTTP capture and open-loop latency: nginx `return 200` against hookscope headless,
--json and with the TUI attached, all running at once so every configuration is measured
for all peers back to back (ratios stay fair when the machine's load drifts)."""
import threading
import time

from load import run_openloop, run_wrk, wrk_command, openloop_command
from peers import NginxPeer, TUIPeer, hookscope_peer


def make_peers(binary):
    # The ring is capped as a user would (64 MiB) so a 1 MB run measures steady state with
    # eviction, not the growth of the heap.
    extra = ["--max-memory", "64MiB"]
    return [
        NginxPeer(),
        hookscope_peer("hookscope headless", binary, extra),
        hookscope_peer("hookscope --json", binary, extra, json=True),
        TUIPeer(binary, extra),
    ]


def run_capture(peers, bodies, body_labels, connections, seconds, log):
    """Rows of (peer, body, c, result); the TUI's key response is measured during its
    1 KB c=16 run."""
    rows = []
    ui_checks = []
    for label in body_labels:
        for peer in peers:   # warm-up: first connections, allocator, the ring's first fill
            run_wrk(peer.port, 16, 2, bodies[label])
        for c in connections:
            for peer in peers:
                probe = None
                if isinstance(peer, TUIPeer) and label == "1 KB" and c == 16:
                    probe = threading.Thread(target=lambda p=peer: ui_checks.append(probe_keys(p, seconds)))
                    probe.start()
                result = run_wrk(peer.port, c, seconds, bodies[label])
                if probe:
                    probe.join()
                rows.append((peer.name, label, c, result))
                if result:
                    log(f"  {peer.name:20} {label:6} c={c:<3} {result['rps']:9.0f} rps  p50 {result['p50']:.3f} ms  p99 {result['p99']:.3f} ms  errors {result['errors']}")
                else:
                    log(f"  {peer.name:20} {label:6} c={c:<3} FAILED")
    return rows, ui_checks


def probe_keys(peer, seconds):
    """Halfway through a loaded run: open the help with `?` and close it with Escape,
    timing how long until the screen shows each."""
    time.sleep(seconds / 2)
    opened = peer.key_response_ms("?", "Keys (from the key table)")
    closed = None
    if opened is not None:
        closed = peer.key_response_ms("Escape", "METHOD PATH")
    return {"open_help_ms": opened, "close_help_ms": closed}


def run_latency(peers, body, max_rps, seconds, openloop, log):
    """Open loop at half of each peer's own closed-loop maximum (1 KB, c=16)."""
    rows = []
    for peer in peers:
        if not max_rps.get(peer.name):
            continue
        rate = max_rps[peer.name] / 2
        result = run_openloop(openloop, peer.port, rate, seconds, 16, body)
        rows.append((peer.name, rate, result))
        if "error" in result:
            log(f"  {peer.name:20} open loop at {rate:.0f}/s FAILED: {result['error']}")
        else:
            log(f"  {peer.name:20} open loop at {rate:.0f}/s: achieved {result['achieved']}/s p50 {result['p50']:.3f} ms p99 {result['p99']:.3f} ms p99.9 {result['p999']:.3f} ms max {result['max']:.3f} ms")
    return rows


def commands(peers, seconds, openloop):
    lines = [f"{p.name}: {p.command}" for p in peers]
    lines.append("load: BENCH_BODY=body-SIZE.json " + " ".join(wrk_command("PORT", "C", seconds)))
    lines.append("open loop: " + " ".join(openloop_command(openloop, "PORT", "RATE", seconds, 16, "body-1024.json")))
    return lines

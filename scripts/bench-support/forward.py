"""Forwarding: the same nginx upstream called directly, through `hookscope --forward` and
through mitmdump in reverse-proxy mode. The upstream shares the server core with the
proxy in front of it, so every path has the same two cores to work with."""
import subprocess

from load import run_wrk
from peers import MitmdumpPeer, NginxPeer, ProcessPeer


def supports_forward(binary):
    out = subprocess.run([binary, "listen", "--help"], capture_output=True, text=True).stdout
    return "--forward" in out


def run_forward(binary, mitmdump, bodies, work, seconds, connections, log):
    upstream = NginxPeer()
    upstream.start(work)
    hookscope = ProcessPeer("hookscope --forward", lambda port: [
        binary, "--port", str(port), "--headless", "--max-memory", "64MiB",
        "--forward", f"http://127.0.0.1:{upstream.port}"])
    peers = [("nginx direct", upstream), ("hookscope --forward", hookscope)]
    if mitmdump:
        peers.append(("mitmdump reverse", MitmdumpPeer(mitmdump, upstream.port)))
    rows = []
    try:
        for _, peer in peers[1:]:
            peer.start(work)
        for _, peer in peers:
            run_wrk(peer.port, 16, 2, bodies["1 KB"])
        for c in connections:
            for name, peer in peers:
                result = run_wrk(peer.port, c, seconds, bodies["1 KB"])
                rows.append((name, c, result))
                if result:
                    log(f"  {name:20} 1 KB c={c:<3} {result['rps']:9.0f} rps  p50 {result['p50']:.3f} ms  p99 {result['p99']:.3f} ms  errors {result['errors']}")
                else:
                    log(f"  {name:20} 1 KB c={c:<3} FAILED")
    finally:
        for _, peer in reversed(peers):
            peer.stop()
    return rows, [f"{name}: {peer.command}" for name, peer in peers]

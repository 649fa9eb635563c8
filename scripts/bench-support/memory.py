"""Memory: RSS while 64 KB bodies fill the ring far past --max-memory, and the cost of one
stored exchange at 1 KB bodies."""
import re
import threading
import time

from load import run_wrk
from peers import hookscope_peer, rss_kib


def sample_rss(pid, stop, samples, interval=0.5):
    started = time.monotonic()
    while not stop.is_set():
        samples.append((time.monotonic() - started, rss_kib(pid), rss_kib(pid, "RssAnon")))
        stop.wait(interval)


def captured_counts(stderr):
    m = re.search(r"captured (\d+) exchanges: (\d+) kept, (\d+) evicted", stderr)
    return tuple(map(int, m.groups())) if m else (0, 0, 0)


def run_fill(binary, bodies, work, seconds, cap_mib, log):
    """Sustained 64 KB load into a ring capped at cap_mib; RSS sampled twice a second."""
    peer = hookscope_peer("hookscope headless", binary, ["--max-memory", f"{cap_mib}MiB", "--capacity", "1000000"])
    peer.start(work)
    samples, stop = [], threading.Event()
    sampler = threading.Thread(target=sample_rss, args=(peer.pid, stop, samples))
    sampler.start()
    idle = rss_kib(peer.pid)
    idle_anon = rss_kib(peer.pid, "RssAnon")
    result = run_wrk(peer.port, 16, seconds, bodies["64 KB"])
    stop.set()
    sampler.join()
    peer.stop()
    captured, kept, evicted = captured_counts(peer.stderr_text())
    thirds = [s[1] for s in samples]
    anon = [s[2] for s in samples]
    n = max(1, len(thirds) // 3)
    summary = {
        "command": peer.command, "cap_mib": cap_mib, "idle_mib": idle / 1024,
        "sent_mib": (result["requests"] if result else 0) * 64 / 1024,
        "max_mib": max(thirds) / 1024, "middle_mib": sum(thirds[n:2 * n]) / n / 1024,
        "last_mib": sum(thirds[-n:]) / n / 1024, "captured": captured,
        "idle_anon_mib": idle_anon / 1024, "last_anon_mib": sum(anon[-n:]) / n / 1024, "max_anon_mib": max(anon) / 1024, "kept": kept, "evicted": evicted,
        "rps": result["rps"] if result else 0,
        "curve": [(round(t, 1), round(k / 1024, 1)) for t, k, _ in samples[:: max(1, len(samples) // 10)]],
    }
    log(f"  fill {cap_mib} MiB cap with 64 KB bodies: sent {summary['sent_mib']:.0f} MiB, RSS idle {summary['idle_mib']:.1f} "
        f"max {summary['max_mib']:.1f} middle third {summary['middle_mib']:.1f} last third {summary['last_mib']:.1f} MiB "
        f"(anonymous: idle {summary['idle_anon_mib']:.1f}, last third {summary['last_anon_mib']:.1f}); "
        f"kept {kept} evicted {evicted}")
    return summary


def run_per_exchange(binary, bodies, work, seconds, log):
    """RSS growth per stored exchange with nothing evicted (large caps), 1 KB bodies."""
    peer = hookscope_peer("hookscope headless", binary, ["--max-memory", "8GiB", "--capacity", "10000000"])
    peer.start(work)
    warm = run_wrk(peer.port, 1, 1, bodies["1 KB"])   # first allocations of the loop, pools
    time.sleep(0.5)
    before = rss_kib(peer.pid)
    result = run_wrk(peer.port, 16, seconds, bodies["1 KB"])
    time.sleep(0.5)
    after = rss_kib(peer.pid)
    peer.stop()
    captured, kept, evicted = captured_counts(peer.stderr_text())
    # wrk's own count of the warm-up is exact to within its one connection's cut-off request.
    stored = captured - (warm["requests"] if warm else 0)
    per = (after - before) * 1024 / stored if stored > 0 else 0
    summary = {"command": peer.command, "stored": stored, "before_mib": before / 1024, "after_mib": after / 1024,
               "bytes_per_exchange": per, "overhead": per - 1024, "evicted": evicted,
               "rps": result["rps"] if result else 0}
    log(f"  per exchange at 1 KB bodies: {stored} stored, RSS {before/1024:.1f} -> {after/1024:.1f} MiB, "
        f"{per:.0f} B each ({per - 1024:.0f} B beyond the body)")
    return summary

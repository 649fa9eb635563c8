"""Driver of scripts/bench: runs the sections, prints the tables, writes docs/benchmarks.md."""
import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import capture  # noqa: E402
import forward  # noqa: E402
import memory  # noqa: E402
import report  # noqa: E402
import store  # noqa: E402
from load import write_bodies  # noqa: E402
from peers import stop_on_sigterm  # noqa: E402


def log(line):
    print(line, flush=True)


def machine():
    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                  if l.startswith("model name")), "unknown")
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": os.uname().release}


def main():
    stop_on_sigterm()
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="1 KB only, c=1 and 16, 5 s runs")
    ap.add_argument("--only", default="capture,latency,memory,forward,micro")
    ap.add_argument("--seconds", type=int)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--openloop", required=True)
    ap.add_argument("--mitmdump")
    ap.add_argument("--micro-output", help="a file with the micro-benchmark table (from scripts/bench-micro)")
    ap.add_argument("--doc", default="docs/benchmarks.md")
    args = ap.parse_args()
    sections = set(args.only.split(","))
    seconds = args.seconds or (5 if args.quick else 10)
    body_labels = ["1 KB"] if args.quick else ["1 KB", "64 KB", "1 MB"]
    connections = [1, 16] if args.quick else [1, 16, 64]
    results = {"machine": machine(), "seconds": seconds, "quick": args.quick,
               "started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "load_before": os.getloadavg()}
    log(f"machine: {results['machine']}, load average {results['load_before'][0]:.2f}")
    if results["load_before"][0] > 1.5:
        log("WARNING: the machine is busy (load > 1.5); absolute numbers will be noisy, ratios less so")

    with tempfile.TemporaryDirectory(prefix="hookscope-bench-") as work:
        bodies = write_bodies(work)
        if sections & {"capture", "latency"}:
            peers = capture.make_peers(args.binary)
            try:
                for peer in peers:
                    peer.start(work)
                results["capture_commands"] = capture.commands(peers, seconds, args.openloop)
                max_rps = {}
                if "capture" in sections:
                    log(f"== capture ({seconds} s per run)")
                    rows, ui = capture.run_capture(peers, bodies, body_labels, connections, seconds, log)
                    results["capture"], results["ui_keys"] = rows, ui
                    max_rps = {p: r["rps"] for p, b, c, r in rows if r and b == "1 KB" and c == 16}
                if "latency" in sections:
                    if not max_rps:   # latency alone: find each peer's maximum first
                        rows, _ = capture.run_capture(peers, bodies, ["1 KB"], [16], 5, log)
                        max_rps = {p: r["rps"] for p, b, c, r in rows if r}
                    log(f"== open-loop latency at 50 % of each peer's maximum ({seconds} s)")
                    results["latency"] = capture.run_latency(peers, bodies["1 KB"], max_rps, seconds, args.openloop, log)
            finally:
                for peer in peers:
                    peer.stop()
        if "memory" in sections:
            log("== memory")
            fill_seconds = 10 if args.quick else 20
            results["memory_fill"] = memory.run_fill(args.binary, bodies, work, fill_seconds, 64, log)
            results["memory_per"] = memory.run_per_exchange(args.binary, bodies, work, 5 if args.quick else 8, log)
        if "forward" in sections:
            if forward.supports_forward(args.binary):
                log("== forwarding")
                rows, cmds = forward.run_forward(args.binary, args.mitmdump, bodies, work, seconds, [1, 16], log)
                results["forward"], results["forward_commands"] = rows, cmds
            else:
                log("== forwarding: skipped, this build has no --forward")
                results["forward_missing"] = True
        if "store" in sections:
            log("== the shared store (--store, attach)")
            results["store"] = store.run(args.binary, args.openloop, bodies, seconds, log)
    if "micro" in sections and args.micro_output and Path(args.micro_output).exists():
        results["micro"] = Path(args.micro_output).read_text()
    results["load_after"] = os.getloadavg()
    results["finished"] = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M UTC")

    store_text = store.markdown(results["store"], results["started"], results["load_before"]) if "store" in results else None
    if store_text:
        log("")
        log(store_text)
    if sections - {"store"}:
        text = report.markdown(results, sys.argv)
        log("")
        log(report.summary_table(results))
    if args.quick:
        log(f"(--quick: {args.doc} not written)")
        return
    if sections - {"store"}:
        report.write(args.doc, text)
    if store_text:
        # Its own block in the hand-kept part: `--only store` leaves the other tables be.
        store.write(args.doc, store_text)
    log(f"wrote {args.doc}")


if __name__ == "__main__":
    main()

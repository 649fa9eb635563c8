"""Tables and docs/benchmarks.md for scripts/bench. Everything below the analysis marker in
an existing docs/benchmarks.md (profiles, fixes, before/after) is written by hand and kept."""
import os
from pathlib import Path

MARKER = "<!-- Everything below is written by hand and kept by scripts/bench. -->"


def fmt(x, digits=3):
    return "-" if x is None else f"{x:.{digits}f}"


def capture_table(results):
    rows = results.get("capture") or []
    nginx = {(b, c): r["rps"] for p, b, c, r in rows if p == "nginx" and r}
    headless = {(b, c): r["rps"] for p, b, c, r in rows if p == "hookscope headless" and r}
    out = ["| peer | body | c | rps | p50 ms | p99 ms | p99.9 ms | × nginx | × headless | errors |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for p, b, c, r in rows:
        if not r:
            out.append(f"| {p} | {b} | {c} | FAILED | | | | | | |")
            continue
        ratio = r["rps"] / nginx[(b, c)] if nginx.get((b, c)) else None
        vs_headless = r["rps"] / headless[(b, c)] if headless.get((b, c)) and p.startswith("hookscope") else None
        out.append(f"| {p} | {b} | {c} | {r['rps']:.0f} | {fmt(r['p50'])} | {fmt(r['p99'])} | {fmt(r['p999'])} | "
                   f"{fmt(ratio, 2)} | {fmt(vs_headless, 2)} | {r['errors']} |")
    return "\n".join(out)


def latency_table(results):
    out = ["| peer | scheduled rate (50 % of its max) | achieved | p50 ms | p99 ms | p99.9 ms | max ms |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for name, rate, r in results.get("latency") or []:
        if "error" in r:
            out.append(f"| {name} | {rate:.0f} | FAILED: {r['error']} | | | | |")
        else:
            out.append(f"| {name} | {rate:.0f} | {r['achieved']} | {fmt(r['p50'])} | {fmt(r['p99'])} | {fmt(r['p999'])} | {fmt(r['max'])} |")
    return "\n".join(out)


def forward_table(results):
    rows = results.get("forward") or []
    direct = {c: r for n, c, r in rows if n == "nginx direct" and r}
    mitm = {c: r for n, c, r in rows if n == "mitmdump reverse" and r}
    out = ["| path | c | rps | p50 ms | p99 ms | p50 over direct ms | × mitmdump rps |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for n, c, r in rows:
        if not r:
            out.append(f"| {n} | {c} | FAILED | | | | |")
            continue
        over = r["p50"] - direct[c]["p50"] if c in direct else None
        vs = r["rps"] / mitm[c]["rps"] if c in mitm else None
        out.append(f"| {n} | {c} | {r['rps']:.0f} | {fmt(r['p50'])} | {fmt(r['p99'])} | {fmt(over)} | {fmt(vs, 1)} |")
    return "\n".join(out)


def targets(results):
    """(target, measured, met) for what this run measured."""
    checks = []
    rows = {(p, b, c): r for p, b, c, r in results.get("capture") or [] if r}
    n, h, t = rows.get(("nginx", "1 KB", 16)), rows.get(("hookscope headless", "1 KB", 16)), rows.get(("hookscope TUI", "1 KB", 16))
    if n and h:
        checks.append(("capture 1 KB c=16 ≥ 0.5× nginx rps", f"{h['rps'] / n['rps']:.2f}×", h["rps"] / n["rps"] >= 0.5))
        checks.append(("capture 1 KB c=16 p99 < 1 ms", f"{h['p99']:.3f} ms", h["p99"] < 1.0))
    if h and t:
        checks.append(("TUI attached within 10 % of headless", f"{t['rps'] / h['rps']:.2f}×", t["rps"] >= 0.9 * h["rps"]))
    for ui in results.get("ui_keys") or []:
        ok = ui["open_help_ms"] is not None and ui["close_help_ms"] is not None
        checks.append(("UI answers keys under that load", f"help opened in {fmt(ui['open_help_ms'], 0)} ms, closed in {fmt(ui['close_help_ms'], 0)} ms (tmux polling included)", ok))
    fill = results.get("memory_fill")
    if fill:
        flat = fill["last_mib"] <= fill["middle_mib"] * 1.05 + 1
        checks.append((f"memory flat at --max-memory {fill['cap_mib']} MiB", f"middle third {fill['middle_mib']:.1f} MiB, last third {fill['last_mib']:.1f} MiB, max {fill['max_mib']:.1f} MiB", flat))
    per = results.get("memory_per")
    if per:
        checks.append(("per-exchange overhead beyond the body < 1 KB", f"{per['overhead']:.0f} B", per["overhead"] < 1024))
    fw = {(name, c): r for name, c, r in results.get("forward") or [] if r}
    hf, mf, d1, h1 = fw.get(("hookscope --forward", 16)), fw.get(("mitmdump reverse", 16)), fw.get(("nginx direct", 1)), fw.get(("hookscope --forward", 1))
    if hf and mf:
        checks.append(("forward ≥ 40× mitmdump rps (c=16)", f"{hf['rps'] / mf['rps']:.1f}×", hf["rps"] >= 40 * mf["rps"]))
    if d1 and h1:
        checks.append(("forward p50 overhead over direct < 0.3 ms (c=1)", f"{h1['p50'] - d1['p50']:.3f} ms", h1["p50"] - d1["p50"] < 0.3))
    return checks


def targets_table(results):
    out = ["| target | measured | met |", "|---|---|---|"]
    for name, measured, met in targets(results):
        out.append(f"| {name} | {measured} | {'yes' if met else '**no**'} |")
    return "\n".join(out)


def summary_table(results):
    parts = []
    if results.get("capture"):
        parts += ["Capture (closed loop, wrk)", capture_table(results), ""]
    if results.get("latency"):
        parts += ["Open-loop latency", latency_table(results), ""]
    if results.get("forward"):
        parts += ["Forwarding", forward_table(results), ""]
    parts += ["Targets", targets_table(results)]
    return "\n".join(parts)


def markdown(results, argv):
    m = results["machine"]
    lb, la = results["load_before"], results["load_after"]
    doc = [
        "# Benchmarks",
        "",
        "Generated by `scripts/bench` (the tables) and kept up to date by hand below the marker",
        "(analysis, profiles, fixes). Compare ratios, not absolute figures: the machine is shared.",
        "",
        f"- run: {results['started']} to {results['finished']}, {results['seconds']} s per measurement",
        f"- machine: {m['nproc']} cores, {m['cpu']}, Linux {m['kernel']}",
        f"- load average (1/5/15 min) before: {lb[0]:.2f} / {lb[1]:.2f} / {lb[2]:.2f}; after: {la[0]:.2f} / {la[1]:.2f} / {la[2]:.2f}",
        "- servers pinned to core 0, load generators (and tmux, playing the terminal) to core 1; loopback, keep-alive",
        f"- command: `{os.environ.get('BENCH_COMMAND') or ' '.join(argv)}`",
        "",
        "## Targets",
        "",
        targets_table(results),
        "",
    ]
    if results.get("capture"):
        doc += ["## Capture and answer (wrk, closed loop)", "",
                "All peers run at once and each configuration is measured for every peer back to back.", "",
                capture_table(results), "", "Commands:", "", "```"] + results["capture_commands"] + ["```", ""]
    if results.get("latency"):
        doc += ["## Open-loop latency (1 KB, 16 connections)", "",
                "Requests are scheduled at fixed times and latency is measured from the scheduled time",
                "(`scripts/bench-support/openloop.c`), so a stall counts for every request it delays.", "",
                latency_table(results), ""]
    if results.get("memory_fill"):
        f, p = results["memory_fill"], results["memory_per"]
        doc += ["## Memory", "",
                f"Filling a {f['cap_mib']} MiB ring with 64 KB bodies (16 connections, {f['rps']:.0f} rps, {f['sent_mib']:.0f} MiB sent):", "",
                f"- RSS idle {f['idle_mib']:.1f} MiB, max {f['max_mib']:.1f} MiB, mean of the middle third {f['middle_mib']:.1f} MiB, of the last third {f['last_mib']:.1f} MiB",
                f"- of which anonymous memory (heap and stacks; the rest is the binary's and libraries' pages): idle {f.get('idle_anon_mib', 0):.1f} MiB, max {f.get('max_anon_mib', 0):.1f} MiB, last third {f.get('last_anon_mib', 0):.1f} MiB",
                f"- kept {f['kept']}, evicted {f['evicted']} of {f['captured']} captured",
                f"- RSS over time (s, MiB): {', '.join(f'{t}: {v}' for t, v in f['curve'])}",
                f"- command: `{f['command']}`", "",
                f"Cost of one stored exchange at 1 KB bodies (nothing evicted): {p['stored']} exchanges, RSS {p['before_mib']:.1f} → {p['after_mib']:.1f} MiB,",
                f"**{p['bytes_per_exchange']:.0f} bytes each, {p['overhead']:.0f} beyond the 1 KB body** (`{p['command']}`).", ""]
    if results.get("forward"):
        doc += ["## Forwarding (1 KB)", "", "The nginx upstream shares core 0 with the proxy in front of it.", "",
                forward_table(results), "", "```"] + results["forward_commands"] + ["```", ""]
    elif results.get("forward_missing"):
        doc += ["## Forwarding", "", "Not measured: the build has no `--forward` yet.", ""]
    if results.get("micro"):
        doc += ["## Micro-benchmarks (`scripts/bench-micro`)", "", results["micro"].strip(), ""]
    return "\n".join(doc)


def write(path, text):
    p = Path(path)
    kept = ""
    if p.exists() and MARKER in p.read_text():
        kept = p.read_text().split(MARKER, 1)[1]
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text + "\n" + MARKER + (kept if kept else "\n"))

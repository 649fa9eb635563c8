"""The shared PostgreSQL store (`listen --store`, `attach`), issue 15:

- capture with --store against without, in the same run (1 KB and 64 KB, c=16);
- commit-to-screen latency of an attached client at 1 000 deliveries/s: the time from a
  row's write (`written_at`, set by the database in the writing transaction, just before
  its commit) to the line `attach --json` prints for it, read by this script as it comes;
- rows per second the store sustains: a backlog queued while the database is stopped,
  then written once it is back, and where the time goes (CPU of hookscope and of the
  PostgreSQL server processes over the drain's wall time).

A throwaway cluster (initdb in a temporary directory, a Unix socket, fsync off as in the
tests unless told otherwise; run as the `postgres` user when root) on the server core with
hookscope.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from load import run_openloop, run_wrk
from peers import SERVER_CORE, ProcessPeer, hookscope_peer

MARK_BEGIN = "<!-- scripts/bench --only store: begin -->"
MARK_END = "<!-- scripts/bench --only store: end -->"
STATEMENTS = "pg_stat_statements"


def pg_bin():
    root = Path("/usr/lib/postgresql")
    versions = sorted((int(p.name) for p in root.iterdir() if p.name.isdigit()), reverse=True) if root.exists() else []
    for v in versions:
        if (root / str(v) / "bin" / "initdb").exists():
            return root / str(v) / "bin"
    raise RuntimeError("PostgreSQL's server binaries were not found: apt-get install postgresql")


class Cluster:
    # The tests' settings: the disk out of the way. Others (scripts/bench-tunnel) pass their own.
    FAST = {"fsync": "off", "synchronous_commit": "off"}

    def __init__(self, settings=None):
        self.settings = Cluster.FAST if settings is None else settings
        self.bin = pg_bin()
        self.dir = tempfile.mkdtemp(prefix="hs-bench-pg-", dir="/tmp")
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            os.chmod(self.dir, 0o700)
        self.run("initdb", "-D", f"{self.dir}/data", "-U", "hookscope", "--auth=trust", "-E", "UTF8", "--no-sync")
        self.start()

    def run(self, tool, *args):
        argv = [str(self.bin / tool), *args]
        if os.getuid() == 0:
            argv = ["runuser", "-u", "postgres", "--"] + argv
        return subprocess.run(["taskset", "-c", SERVER_CORE] + argv, check=True, capture_output=True, text=True).stdout

    def start(self):
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w", "-t", "60", "start", "-o",
                 f"-c listen_addresses='' -k {self.dir} -c max_connections=100 "
                 + " ".join(f"-c {name}={value}" for name, value in self.settings.items()))

    def stop(self, mode="fast"):
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-m", mode, "-w", "stop")

    def database(self, name):
        self.run("createdb", "-h", self.dir, "-U", "hookscope", name)
        return f"postgres://hookscope@localhost/{name}?host={self.dir}"

    def psql(self, db, sql):
        return self.run("psql", "-h", self.dir, "-U", "hookscope", "-d", db, "-X", "-A", "-t", "-c", sql).strip()

    def server_cpu_seconds(self):
        """CPU time of every process of this cluster (postmaster and backends)."""
        total = 0.0
        tick = os.sysconf("SC_CLK_TCK")
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                if "postgres" not in Path(f"/proc/{pid}/comm").read_text():
                    continue
                if self.dir not in Path(f"/proc/{pid}/cmdline").read_text(errors="replace") and not self._backend_of_ours(pid):
                    continue
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
            except OSError:
                continue
        return total

    def _backend_of_ours(self, pid):
        # Backends are children of our postmaster.
        try:
            ppid = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
            return self.dir in Path(f"/proc/{ppid}/cmdline").read_text(errors="replace")
        except OSError:
            return False

    def remove(self):
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def cpu_seconds(pid):
    tick = os.sysconf("SC_CLK_TCK")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def run_capture(binary, cluster, bodies, seconds, log):
    """Rows (peer, body, result): headless without and with --store, alternating."""
    peers = [hookscope_peer("headless", binary, ["--max-memory", "64MiB"]),
             hookscope_peer("headless --store", binary, ["--max-memory", "64MiB", "--store", cluster.database("capture")])]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for peer in peers:
            peer.start(work)
        try:
            for label in ["1 KB", "64 KB"]:
                for peer in peers:
                    run_wrk(peer.port, 16, 2, bodies[label])
                for peer in peers:
                    result = run_wrk(peer.port, 16, seconds, bodies[label])
                    rows.append((peer.name, label, result))
                    if result:
                        log(f"  {peer.name:18} {label:6} c=16 {result['rps']:9.0f} rps  p50 {result['p50']:.3f} ms  p99 {result['p99']:.3f} ms  load {os.getloadavg()[0]:.1f}")
        finally:
            for peer in peers:
                peer.stop()
            waiting = peers[1].stderr_text()
    final = [l for l in waiting.splitlines() if l.startswith("store: ")]
    return rows, final[-1] if final else ""


def run_latency(binary, cluster, openloop, body, seconds, log, rate=1000):
    """Commit-to-screen of `attach --json` at `rate` deliveries/s."""
    url = cluster.database("latency")
    with tempfile.TemporaryDirectory() as work:
        listener = hookscope_peer("listener", binary, ["--store", url])
        listener.start(work)
        attach = subprocess.Popen(["taskset", "-c", SERVER_CORE, binary, "attach", url, "--json"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        seen = {}

        def read():
            for line in attach.stdout:
                now = time.time()
                m = re.match(rb'\{"id":(\d+),', line)
                if m:
                    seen[int(m.group(1))] = now
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        time.sleep(1)
        load_before = os.getloadavg()[0]
        result = run_openloop(openloop, listener.port, rate, seconds, 16, body)
        deadline = time.monotonic() + 60
        expected = result.get("done", 0)
        while len(seen) < expected and time.monotonic() < deadline:
            time.sleep(0.2)
        listener.stop()
        attach.send_signal(signal.SIGTERM)
        attach.wait(timeout=30)
    written = {}
    for line in cluster.psql("latency", "SELECT id || ' ' || extract(epoch FROM written_at) FROM hookscope_exchanges").splitlines():
        i, t = line.split()
        written[int(i)] = float(t)
    delays = sorted((seen[i] - written[i]) * 1000 for i in written if i in seen)
    if not delays:
        return {"error": "the attached client printed nothing"}
    pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
    out = {"rate": rate, "achieved": result.get("achieved"), "rows": len(written), "shown": len(delays),
           "p50": pick(0.5), "p99": pick(0.99), "max": delays[-1], "load": load_before}
    log(f"  attach at {rate}/s (achieved {out['achieved']}/s): {out['shown']} of {out['rows']} rows shown, commit-to-screen p50 {out['p50']:.1f} ms p99 {out['p99']:.1f} ms max {out['max']:.1f} ms  load {load_before:.1f}")
    return out


def run_drain(binary, cluster, body, count, log):
    """A backlog of `count` exchanges (2 writes each) queued while the database is down,
    then written: rows per second, and the CPU spent on each side meanwhile."""
    url = cluster.database("drain")
    counting = STATEMENTS in cluster.settings.get("shared_preload_libraries", "")
    if counting:
        cluster.psql("drain", f"CREATE EXTENSION {STATEMENTS}")
    with tempfile.TemporaryDirectory() as work:
        listener = hookscope_peer("listener", binary, ["--store", url, "--store-queue", "1GiB"])
        listener.start(work)
        if counting:
            # The batches alone: the listener's start (schema check, migration) is behind it.
            cluster.psql("drain", f"SELECT {STATEMENTS}_reset()")
        cluster.stop()
        sent = 0
        while sent < count:
            result = run_wrk(listener.port, 16, 2, body)
            sent += result["requests"] if result else 0
        load_before = os.getloadavg()[0]
        cluster.start()
        # From the first rows on: the writer's reconnect backoff (up to 5 s) is not the
        # store's speed.
        count_sql = "SELECT count(*) FROM hookscope_exchanges WHERE completed"
        while int(cluster.psql("drain", count_sql) or 0) == 0:
            time.sleep(0.01)
        ours0, theirs0, started = cpu_seconds(listener.pid), cluster.server_cpu_seconds(), time.monotonic()
        first = int(cluster.psql("drain", count_sql))
        while int(cluster.psql("drain", count_sql) or 0) < sent:
            time.sleep(0.05)
        wall = time.monotonic() - started
        ours, theirs = cpu_seconds(listener.pid) - ours0, cluster.server_cpu_seconds() - theirs0
        listener.stop()
        sent -= first
    out = {"exchanges": sent, "writes": 2 * sent, "seconds": wall, "rows_per_s": sent / wall, "writes_per_s": 2 * sent / wall,
           "hookscope_cpu": ours, "postgres_cpu": theirs, "load": load_before}
    if counting:
        # Every statement the listener ran (BEGIN and COMMIT included), over its batches
        # (each touches the counter once); this script's own counts left out. A count
        # that does not depend on the load.
        batches, statements = cluster.psql("drain", f"""
            SELECT sum(calls) FILTER (WHERE query LIKE '%UPDATE hookscope_counter%'), sum(calls) FROM {STATEMENTS}
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'drain') AND query NOT LIKE 'SELECT count(*) FROM hookscope_exchanges%'
            """).split("|")
        out["batches"], out["statements_per_batch"] = int(batches), int(statements) / int(batches)
    log(f"  drain of {sent} exchanges ({2 * sent} writes): {wall:.2f} s, {out['rows_per_s']:.0f} rows/s "
        f"({out['writes_per_s']:.0f} writes/s); CPU hookscope {ours:.2f} s, PostgreSQL {theirs:.2f} s  load {load_before:.1f}"
        + (f"; {out['statements_per_batch']:.1f} statements per batch over {out['batches']} batches" if counting else ""))
    return out


def run(binary, openloop, bodies, seconds, log):
    # pg_stat_statements (shipped with the server) counts the writer's statements per batch.
    library = pg_bin().parent / "lib" / f"{STATEMENTS}.so"
    cluster = Cluster(settings=dict(Cluster.FAST, shared_preload_libraries=STATEMENTS) if library.exists() else None)
    try:
        results = {}
        results["capture"], results["capture_final"] = run_capture(binary, cluster, bodies, seconds, log)
        results["latency"] = run_latency(binary, cluster, openloop, bodies["1 KB"], seconds, log)
        results["drain"] = run_drain(binary, cluster, bodies["1 KB"], 20000, log)
        return results
    finally:
        cluster.remove()


def markdown(results, started, load):
    rows = results["capture"]
    base = {b: r["rps"] for p, b, r in rows if p == "headless" and r}
    out = [MARK_BEGIN, "", f"### The shared store (`--store`, `attach`), measured {started}", "",
           f"Load average when it started: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (each line below says its own).", "",
           "| peer | body | c | rps | p50 ms | p99 ms | × without --store |", "|---|---|---:|---:|---:|---:|---:|"]
    for p, b, r in rows:
        if not r:
            out.append(f"| {p} | {b} | 16 | FAILED | | | |")
            continue
        out.append(f"| {p} | {b} | 16 | {r['rps']:.0f} | {r['p50']:.3f} | {r['p99']:.3f} | {r['rps'] / base[b]:.2f} |")
    if results.get("capture_final"):
        out += ["", f"The `--store` listener's last line: `{results['capture_final']}`."]
    lat = results["latency"]
    if "error" in lat:
        out += ["", f"Commit-to-screen: FAILED ({lat['error']})."]
    else:
        out += ["", f"Commit-to-screen of `attach --json` at {lat['rate']} deliveries/s (achieved {lat['achieved']}/s, "
                f"load {lat['load']:.1f}): p50 {lat['p50']:.1f} ms, p99 {lat['p99']:.1f} ms, max {lat['max']:.1f} ms "
                f"({lat['shown']} of {lat['rows']} rows shown)."]
    d = results["drain"]
    out += ["", f"Rows the store sustains (a backlog of {d['exchanges']} exchanges, {d['writes']} writes, queued while the "
            f"database was stopped, written once it was back; load {d['load']:.1f}): {d['rows_per_s']:.0f} rows/s "
            f"({d['writes_per_s']:.0f} writes/s) over {d['seconds']:.2f} s; CPU meanwhile: hookscope {d['hookscope_cpu']:.2f} s, "
            f"PostgreSQL {d['postgres_cpu']:.2f} s"
            + (f"; {d['statements_per_batch']:.1f} statements (round trips) per batch over {d['batches']} batches." if "batches" in d else ".")
            , "", MARK_END]
    return "\n".join(out)


def write(doc, text):
    """Replaces the store block of the hand-kept part of the doc (appended the first time)."""
    path = Path(doc)
    current = path.read_text() if path.exists() else ""
    if MARK_BEGIN in current and MARK_END in current:
        before = current.split(MARK_BEGIN)[0]
        after = current.split(MARK_END, 1)[1]
        path.write_text(before + text + after)
    else:
        path.write_text(current.rstrip("\n") + "\n\n" + text + "\n")

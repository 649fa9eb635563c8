"""CPU time per delivery of each process in a run (scripts/bench-tunnel, issue #16).

Wall times on this machine move with whatever else runs; the CPU a delivery costs each
process does much less, so the tunnel's work is measured as that: user + system time from
/proc/PID/stat (all threads of a process, 10 ms ticks) before and after a wrk run, over the
requests wrk counted. PostgreSQL's processes are the postmaster's children, each named by
what its session ran last (pg_stat_activity), which says which loop of which hookscope it
serves. wrk's own time comes from RUSAGE_CHILDREN (the script waits for it).
"""
import os
import resource
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")

# What a session ran last -> whose it is. The first match wins; the texts are the
# statements' own (Sources/HookscopeStore), so a renamed statement shows up as "other".
ROLES = [
    ("'hookscope_forward_answers'", "forwarder: answers"),
    ("hookscope_counter", "listener: store writer"),
    ("NOTIFY hookscope_exchanges", "listener: store writer"),
    ("INSERT INTO hookscope_forward_offers", "listener: offers"),
    ("FROM hookscope_forwarders", "listener: offers"),
    ("hookscope_forward_offers WHERE offered_at", "listener: offers"),
    ("WITH done AS", "listener: answers"),
    ("DELETE FROM hookscope_forward_offers", "listener: answers"),
    ("INSERT INTO hookscope_listeners", "listener: store writer"),
    ("SET state = 'claimed'", "forwarder: claims"),
    ("claimer IS NOT DISTINCT FROM", "forwarder: claims"),
    ("INSERT INTO hookscope_forwarders", "forwarder: claims"),
    ("change > $1", "forwarder: attach reader"),
    ("hookscope_plan", "plan follower"),
    ("hookscope_held", "held requests"),
]


def stat_fields(pid):
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid):
    """User + system time of a process and all its threads, in seconds; None once gone."""
    try:
        fields = stat_fields(pid)
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def reaped_children_seconds(pid):
    """User + system time of pid's children that have ended and been waited for: a
    PostgreSQL session that ends during a run is gone from /proc by the second snapshot,
    and its time is found here, in the postmaster's cutime and cstime."""
    try:
        fields = stat_fields(pid)
    except OSError:
        return None
    return (int(fields[13]) + int(fields[14])) / TICK


def context_switches(pid):
    """Voluntary + involuntary switches over the process's live threads (wake-ups, mostly)."""
    total = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    for task in tasks:
        try:
            for line in Path(f"/proc/{pid}/task/{task}/status").read_text().splitlines():
                if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def children_of(ppid):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if int(stat_fields(pid)[1]) == ppid:
                found.append(int(pid))
        except (OSError, IndexError, ValueError):
            continue
    return found


def role_of(query, backend_type):
    if backend_type and backend_type != "client backend":
        return f"postgres: {backend_type}"
    for needle, role in ROLES:
        if needle in (query or ""):
            return role
    return "other session"


class Snapshot:
    """CPU and switches of the named processes, the cluster's processes and wrk's."""

    def __init__(self, named, cluster=None):
        self.cpu = {name: cpu_seconds(pid) for name, pid in named.items()}
        self.switches = {name: context_switches(pid) for name, pid in named.items()}
        self.pg = {}
        self.postmaster = None
        self.reaped = None
        if cluster:
            postmaster = int(Path(cluster.dir, "data", "postmaster.pid").read_text().split()[0])
            self.postmaster = postmaster
            self.reaped = reaped_children_seconds(postmaster)
            for pid in [postmaster] + children_of(postmaster):
                self.pg[pid] = (cpu_seconds(pid), context_switches(pid))
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.children = usage.ru_utime + usage.ru_stime


def pg_sessions(cluster, db):
    """pid -> (backend_type, what it ran last) for every process of the cluster."""
    out = cluster.psql(db, "SELECT pid, coalesce(backend_type, ''), replace(replace(coalesce(query, ''), chr(10), ' '), '|', '/') "
                           "FROM pg_stat_activity WHERE pid <> pg_backend_pid()")
    sessions = {}
    for line in out.splitlines():
        parts = line.split("|", 2)
        if len(parts) == 3 and parts[0].isdigit():
            sessions[int(parts[0])] = (parts[1], parts[2])
    return sessions


def per_delivery(before, after, requests, sessions, wrk_name="wrk"):
    """Rows (process, ms of CPU per delivery, switches per delivery), the largest first;
    PostgreSQL's sessions summed by role, and a total per side."""
    rows = {}

    def add(name, cpu, switches):
        ms, sw = rows.get(name, (0.0, 0.0))
        rows[name] = (ms + 1000 * cpu / requests, sw + (switches or 0) / requests)

    for name, start in before.cpu.items():
        end = after.cpu.get(name)
        if start is None or end is None:
            continue
        add(name, end - start, (after.switches.get(name) or 0) - (before.switches.get(name) or 0))
    for pid, (start, sw0) in after.pg.items():
        end_cpu, sw1 = start, sw0
        start_cpu, start_sw = before.pg.get(pid, (0.0, 0))
        backend_type, query = sessions.get(pid, ("", ""))
        if pid == after.postmaster:
            backend_type = "postmaster"
        role = role_of(query, backend_type)
        add("postgres " + role if not role.startswith("postgres") else role,
            (end_cpu or 0) - (start_cpu or 0), (sw1 or 0) - (start_sw or 0))
    if before.reaped is not None and after.reaped is not None and after.reaped > before.reaped:
        # Sessions that ended between the snapshots; a session that started before the
        # first is counted from its start, so its time before the run is in this too.
        add("postgres: sessions that ended", after.reaped - before.reaped, 0)
    add(wrk_name, after.children - before.children, 0)
    return sorted(rows.items(), key=lambda item: -item[1][0])

"""Instructions per request under callgrind, for scripts/bench-callgrind.

Wall-clock figures on a shared machine move with the neighbours' load; the number of
instructions hookscope executes per request does not. Each configuration runs the release
binary under `valgrind --tool=callgrind` twice, once with a few requests and once with
more, over one keep-alive connection; the difference of the two totals divided by the
difference in requests is the cost of one request (start-up and shutdown cancel out). All
threads count (the event loop, the line printer's thread, NIO's helpers), the kernel does not.
"""
import argparse
import hashlib
import hmac
import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peers import stop_on_sigterm, wait_for_listener

SIZES = {"1 KB": 1024, "64 KB": 64 * 1024, "1 MB": 1024 * 1024}
MODES = {"headless": [], "--json": ["--json"]}


def body(shape, size):
    """A JSON object of exactly `size` bytes (UTF-8). "string": one long string member, as
    scripts/bench's wrk bodies; "objects": many small objects, as the micro-benchmarks';
    "accented": customer records with accented names and places (a 2-byte sequence every
    ~18 bytes); "cjk": records in Chinese, Japanese and Korean (3-byte sequences, ASCII only
    in the JSON around them). The last two for the escaper's runs of multi-byte sequences
    (issue 18 review M3)."""
    if shape in ("accented", "cjk"):
        return records(shape, size)
    if shape == "string":
        head = '{"type":"bench.event","id":"evt_0001","created_at":"2026-11-23T21:00:00Z","data":{"pad":"'
        tail = '"}}'
        return (head + "a" * (size - len(head) - len(tail)) + tail).encode()
    head = '{"type":"bench.event","id":"evt_0001","created_at":"2026-11-23T21:00:00Z","data":{"items":['
    tail = "]}}"
    parts, length, index = [], len(head) + len(tail), 0
    while length < size - 48:
        item = ("," if index else "") + '{"n":%d,"name":"item %d"}' % (index, index)
        parts.append(item)
        length += len(item)
        index += 1
    text = head + "".join(parts) + tail
    return (text[:-1] + " " * (size - len(text)) + text[-1:]).encode()


FIRSTS = ["Zoë", "Amélie", "François", "Jürgen", "Björn", "Hélène", "José", "Renée", "Søren", "Łukasz", "Inès", "Noël"]
LASTS = ["Müller", "Lefèvre", "Großmann", "Gonçalves", "Kühn", "Åström", "Núñez", "Dvořák", "Schäfer", "Côté", "Böhm"]
CITIES = ["Köln", "Zürich", "Besançon", "Málaga", "Göteborg", "Orléans", "Düsseldorf", "Genève", "Nîmes", "Münster"]
STREETS = ["Königstraße", "rue de l'Église", "Calle Mayor", "Hauptstraße", "avenue Léon Blum", "place du Marché"]
CJK_NAMES = ["山田太郎", "佐藤花子", "王小明", "李静", "김민준", "鈴木一郎", "陈伟", "高橋美咲"]
CJK_PLACES = ["東京都千代田区丸の内一丁目", "大阪府大阪市北区梅田三丁目", "北京市朝阳区建国路", "서울특별시 강남구 테헤란로", "上海市浦东新区世纪大道"]
CJK_NOTES = ["配送前に電話してください", "请放在门口", "午前中の配達を希望します", "부재 시 경비실에 맡겨 주세요"]


def records(shape, size):
    """`body`'s "accented" and "cjk" shapes: records until `size` is nearly reached, then
    spaces before the closing brace (as "objects")."""
    head = '{"type":"bench.event","id":"evt_0001","created_at":"2026-11-23T21:00:00Z","data":{"items":['.encode()
    tail = b"]}}"
    parts, length, index = [], len(head) + len(tail), 0
    while True:
        if shape == "accented":
            item = '{"id":%d,"name":"%s %s","city":"%s","street":"%s %d"}' % (
                index, FIRSTS[index % len(FIRSTS)], LASTS[index * 7 % len(LASTS)], CITIES[index * 5 % len(CITIES)],
                STREETS[index * 3 % len(STREETS)], index % 97)
        else:
            item = '{"id":%d,"name":"%s","address":"%s","note":"%s"}' % (
                index, CJK_NAMES[index % len(CJK_NAMES)], CJK_PLACES[index * 5 % len(CJK_PLACES)],
                CJK_NOTES[index * 3 % len(CJK_NOTES)])
        encoded = (("," if index else "") + item).encode()
        if length + len(encoded) > size:
            break
        parts.append(encoded)
        length += len(encoded)
        index += 1
    text = head + b"".join(parts) + tail
    return text[:-1] + b" " * (size - len(text)) + text[-1:]


# Who sends: "plain" (Content-Type alone, every request the same bytes; hookscope takes
# the body's shape for GitProductivity's payload rule, whose delivery id is the body's "id",
# so every request after the first is a retry of one event), "github" (X-GitHub-Event and
# a new X-GitHub-Delivery id per request, unsigned: each an attempt 1), "stripe"
# (Stripe-Signature over {timestamp}.{body} with the secret hookscope is given, valid; the
# body's "id", Stripe's delivery id, new per request).
SENDERS = ("plain", "github", "stripe")
STRIPE_SECRET = "whsec_bench_callgrind_secret"


def request(sender, payload, index):
    """The body and headers of request number `index`."""
    headers = {"Content-Type": "application/json"}
    if sender == "github":
        headers.update({"X-GitHub-Event": "push", "X-GitHub-Delivery": "d-%08d" % index})
    elif sender == "stripe":
        payload = payload.replace(b'"id":"evt_0001"', b'"id":"evt_%04d"' % (index % 10000), 1)
        stamp = str(int(time.time()))
        mac = hmac.new(STRIPE_SECRET.encode(), stamp.encode() + b"." + payload, hashlib.sha256).hexdigest()
        headers["Stripe-Signature"] = f"t={stamp},v1={mac}"
    return payload, headers


def total_instructions(binary, extra, payload, requests, work, env, sender="plain"):
    out = Path(work) / f"callgrind.{os.getpid()}.{time.monotonic_ns()}.out"
    argv = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary,
            "--port", "0", "--headless", "--max-memory", "64MiB"] + extra
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        # Under valgrind on a loaded machine the start alone can take minutes.
        listening = wait_for_listener(server, seconds=900)
        if not listening:
            server.kill()   # else reading its stderr below waits for an end that never comes
            raise SystemExit("bench-callgrind: hookscope did not start: " + server.stderr.read().decode(errors="replace")[-2000:])
        connection = http.client.HTTPConnection("127.0.0.1", listening[1], timeout=120)
        for index in range(requests):
            data, headers = request(sender, payload, index)
            connection.request("POST", "/bench", body=data, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"bench-callgrind: answer {response.status}")
        connection.close()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    text = out.read_text(errors="replace")
    out.unlink()
    found = re.search(r"^(?:summary|totals):\s+(\d+)", text, re.MULTILINE)
    if not found:
        raise SystemExit("bench-callgrind: no totals in callgrind's output")
    return int(found.group(1))


def main():
    stop_on_sigterm()
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--sizes", default="1 KB,64 KB")
    parser.add_argument("--shapes", default="string,objects")
    parser.add_argument("--senders", default="plain", help="plain, github, stripe (see SENDERS)")
    parser.add_argument("--modes", default="headless,--json")
    parser.add_argument("--requests", type=int, default=100, help="the difference between the two runs")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",")]
    shapes = [s.strip() for s in args.shapes.split(",")]
    senders = [s.strip() for s in args.senders.split(",")]
    modes = {m.strip(): MODES[m.strip()] for m in args.modes.split(",")}
    for sender in senders:
        if sender not in SENDERS:
            raise SystemExit(f"bench-callgrind: unknown sender {sender} (one of {', '.join(SENDERS)})")
    print("| body | shape | sender | mode | instructions per request | per body byte | headless ÷ this |")
    print("|---|---|---|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="hookscope-callgrind-") as work:
        # Valgrind gives up on the DWARF Swift writes ("possibly corrupted debuginfo"): a
        # copy without debug information still has its symbols for callgrind_annotate.
        binary = str(Path(work) / "hookscope")
        subprocess.run(["objcopy", "--strip-debug", args.binary, binary], check=True)
        # Valgrind 3.19 dies at hookscope's start without this (valgrind-sigsuspend.c).
        shim = str(Path(work) / "sigsuspend.so")
        source = str(Path(__file__).with_name("valgrind-sigsuspend.c"))
        subprocess.run([os.environ.get("CC", "cc"), "-O2", "-shared", "-fPIC", source, "-o", shim], check=True)
        env = dict(os.environ, LD_PRELOAD=shim, HOOKSCOPE_SECRET_STRIPE=STRIPE_SECRET)
        for size in sizes:
            for shape in shapes:
                payload = body(shape, SIZES[size])
                for sender in senders:
                    headless = None
                    for mode, extra in modes.items():
                        few = total_instructions(binary, extra, payload, 10, work, env, sender)
                        many = total_instructions(binary, extra, payload, 10 + args.requests, work, env, sender)
                        per = (many - few) / args.requests
                        headless = headless or (per if mode == "headless" else None)
                        # What the mode's throughput would be against headless if instructions
                        # were all that counted (the --json target is >= 0.9).
                        ratio = "1.00" if mode == "headless" else f"{headless / per:.2f}" if headless else "-"
                        print(f"| {size} | {shape} | {sender} | {mode} | {per:,.0f} | {per / SIZES[size]:.1f} | {ratio} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())

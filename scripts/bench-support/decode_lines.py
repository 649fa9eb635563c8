"""JSON Lines for scripts/bench-decode: 50 lines each of a 1 KB and a 64 KB body, as JSON
text (a Stripe-like invoice with non-ASCII, so the line has escapes) and as binary
(body_base64), with the headers, analysis and answer members a stored exchange has; and
the first line of each alone, for the fixed cost."""
import base64
import json
import random
import sys
from pathlib import Path


def invoice(size, rng):
    items = []
    text = ""
    while len(text) < size:
        items.append({"id": "ii_%06d" % len(items), "amount": rng.randint(1, 99999), "currency": "usd",
                      "description": "Zürich plan – seat %d" % len(items), "metadata": {"k": "v"}})
        text = json.dumps({"id": "evt_1", "type": "invoice.paid", "data": {"object": {"items": items}}},
                          separators=(",", ":"), ensure_ascii=False)
    return text


def line(n, body_member, body_size, headers):
    exchange = {"id": n, "received_at": "2026-12-03T09:01:02.123456Z", "remote": "127.0.0.1:51234", "method": "POST",
                "path": "/hooks/stripe", "query": None, "headers": headers, **body_member, "body_size": body_size,
                "body_truncated": False, "provider": "stripe", "event": "invoice.paid", "delivery_id": "evt_1",
                "signature": {"status": "valid", "scheme": "stripe-v1", "header": "Stripe-Signature", "reason": None},
                "attempt": 1, "response": {"status": 200, "source": "default", "duration_ms": 0.125,
                                           "headers": [["content-type", "text/plain; charset=utf-8"]], "body": "ok\n"}}
    return json.dumps(exchange, separators=(",", ":"), ensure_ascii=False)


def main(out):
    rng = random.Random(16)
    for name, size in (("1k", 1024), ("64k", 65536)):
        text = invoice(size, rng)
        headers = [["Host", "127.0.0.1:8080"], ["User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"],
                   ["Content-Type", "application/json; charset=utf-8"], ["Content-Length", str(len(text.encode()))],
                   ["Stripe-Signature", "t=1733216462,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd"],
                   ["Accept", "*/*; q=0.5, application/xml"], ["Cache-Control", "no-cache"]]
        lines = [line(n, {"body": text}, len(text.encode()), headers) for n in range(1, 51)]
        binary = [line(n, {"body_base64": base64.b64encode(rng.randbytes(size)).decode()}, size,
                       [["Host", "127.0.0.1:8080"], ["Content-Type", "application/octet-stream"], ["Content-Length", str(size)]])
                  for n in range(1, 51)]
        for label, rows in ((name, lines), (name + "-bin", binary)):
            Path(out, "lines-%s.jsonl" % label).write_text("\n".join(rows) + "\n")
            Path(out, "line-%s-x1.jsonl" % label).write_text(rows[0] + "\n")


if __name__ == "__main__":
    main(sys.argv[1])

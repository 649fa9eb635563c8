#!/usr/bin/env python3
"""Independent verifier for deliveries that `hookscope send` (or a replay) made for a
built-in provider: the entry's recipe, read from the catalogue's YAML as
docs/provider-catalogue.md describes the format, applied here with Python's hmac/hashlib.

It shares no code with hookscope: it reads the entry (scripts/provider-entries/<name>.yaml,
or the YAML literal in Sources/HookscopeCore/Providers/Catalogue/ for the nine first
entries) and computes the signature over what arrived. The recipes themselves are checked
against the providers' SDKs and published vectors by CatalogueVectorTests; this closes the
loop for what hookscope sends.

Input (stdin, JSON): {"provider", "headers": [[name, value]...], "body", "secret", "url",
"method"}. Output: "ok", or "bad: <why>".
"""
import base64
import glob
import hashlib
import hmac
import json
import os
import re
import sys
import urllib.parse

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def load_entry(name):
    entry = raw_entry(name)
    if "extends" in entry:
        # `extends: NAME`: NAME's signature keys, this entry's own in their place.
        signature = dict(raw_entry(entry["extends"])["signature"])
        signature.update(entry.get("signature") or {})
        entry = dict(entry, signature=signature)
    return entry


def raw_entry(name):
    path = os.path.join(ROOT, "scripts", "provider-entries", f"{name}.yaml")
    if os.path.exists(path):
        with open(path) as f:
            return yaml.safe_load(f)[name]
    for swift in glob.glob(os.path.join(ROOT, "Sources", "HookscopeCore", "Providers", "Catalogue", "*.swift")):
        text = open(swift).read()
        for literal in re.findall(r'"""\n(.*?)\n    """', text, flags=re.S):
            loaded = yaml.safe_load("\n".join(line[4:] for line in literal.split("\n")))
            if isinstance(loaded, dict) and name in loaded:
                return loaded[name]
    raise SystemExit(f"bad: no entry for {name}")


def b64any(text):
    text = text.strip().replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4))


def field(payload, path):
    for key in path.split("."):
        if not isinstance(payload, dict) or key not in payload:
            return None
        payload = payload[key]
    return payload if isinstance(payload, str) else None


def main():
    d = json.load(sys.stdin)
    entry = load_entry(d["provider"])
    sig = entry.get("signature") or {}
    headers = {k.lower(): v for k, v in d["headers"]}
    body = d["body"].encode()
    secret = d.get("secret") or ""
    kind = sig.get("kind", "hmac")
    try:
        payload = json.loads(body)
    except ValueError:
        payload = None
    # The signature is in a header, or in the body (Mailgun: `body: signature.signature`).
    value = headers.get(sig["header"].lower()) if "header" in sig else field(payload, sig["body"]) if "body" in sig else None
    if value is None:
        return "bad: no signature header"
    prefix = sig.get("prefix", "")
    if value[:len(prefix)].lower() != prefix.lower():
        return f"bad: no prefix {prefix!r}"
    value = value[len(prefix):]
    if kind == "token":
        return "ok" if hmac.compare_digest(value.encode(), secret.encode()) else "bad: token differs"
    if kind != "hmac":
        return f"bad: this verifier checks hmac and token recipes, not {kind}"
    # The digests offered and the timestamp, by the header's layout.
    timestamp = None
    if "list" in sig:
        layout = sig["list"]
        items = [part.strip().split("=", 1) for part in value.split(layout.get("separator", ","))]
        digests = [v for k, v in items if k == layout["signature"]]
        stamps = [v for k, v in items if k == layout.get("timestamp")]
        timestamp = stamps[0] if stamps else None
    elif "versioned" in sig:
        digests = [e.split(",", 1)[1] for e in value.split(" ") if e.startswith(sig["versioned"] + ",")]
    else:
        digests = [value]
    if timestamp is None and "timestamp_header" in sig:
        timestamp = headers.get(sig["timestamp_header"].lower())
    if timestamp is None and "timestamp_field" in sig:
        timestamp = field(payload, sig["timestamp_field"])
    url = d.get("url", "")
    params = sorted(urllib.parse.parse_qsl(d["body"], keep_blank_values=True), key=lambda kv: kv[0])

    def part(name):
        if name == "body":
            return body
        if name == "timestamp":
            return (timestamp or "").encode()
        if name == "id":
            return headers.get(sig.get("id_header", "").lower(), "").encode()
        if name == "method":
            return d.get("method", "POST").encode()
        if name == "url":
            return url.encode()
        if name == "path":
            return urllib.parse.urlsplit(url).path.encode()
        if name == "params":
            return "".join(k + v for k, v in params).encode()
        if name.startswith("header:"):
            return headers.get(name[7:].lower(), "").encode()
        if name.startswith("field:"):
            return (field(payload, name[6:]) or "").encode()
        raise SystemExit(f"bad: unknown placeholder {name}")

    template = sig.get("message", "{body}")
    message = b""
    for literal, name in re.findall(r"([^{]*)(?:\{([^}]*)\})?", template):
        message += literal.encode()
        if name:
            message += part(name)
    encoding = sig.get("secret_encoding", "raw")
    if encoding == "raw":
        key = secret.encode()
    elif encoding == "hex":
        key = bytes.fromhex(secret)
    else:
        strip = encoding.split(":", 1)[1] if ":" in encoding else ""
        key = base64.b64decode(secret[len(strip):] if strip and secret.startswith(strip) else secret)
    mac = hmac.new(key, message, getattr(hashlib, sig.get("algorithm", "sha256"))).digest()
    for digest in digests:
        try:
            offered = bytes.fromhex(digest) if sig.get("encoding", "hex") == "hex" else b64any(digest)
        except ValueError:
            continue
        if hmac.compare_digest(offered, mac):
            return "ok"
    return "bad: signature does not hold"


print(main())

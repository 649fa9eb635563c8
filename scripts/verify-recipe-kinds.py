#!/usr/bin/env python3
"""Independent verifier for the recipe-kind providers of scripts/make-recipe-vectors.py.

Reads one JSON object on stdin: {"provider", "headers": [[name, value]...], "body", "secret",
"url", "public_key", "method"} and prints "ok" when the signature holds by the recipe as written
here (Python hmac/hashlib and cryptography), "bad: <why>" otherwise. The end-to-end tests
use it to check what `hookscope sign` and `hookscope send` produce.
"""
import base64
import hashlib
import hmac
import json
import sys
import urllib.parse

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519


def b64any(text):
    text = text.replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4))


def main():
    d = json.load(sys.stdin)
    h = {k.lower(): v for k, v in d["headers"]}
    body = d["body"].encode()
    secret = (d.get("secret") or "").encode()
    p = d["provider"]
    if p == "urlsigned":
        params = sorted(urllib.parse.parse_qsl(d["body"], keep_blank_values=True), key=lambda kv: kv[0])
        msg = (d["url"] + "".join(k + v for k, v in params)).encode()
        ok = hmac.compare_digest(base64.b64decode(h["x-url-signature"]), hmac.new(secret, msg, hashlib.sha1).digest())
    elif p == "listed":
        items = [i.split("=", 1) for i in h["x-listed-signature"].split(",")]
        ts = [v for k, v in items if k == "t"][0]
        mac = hmac.new(secret, f"{ts}.".encode() + body, hashlib.sha512).digest()
        ok = any(hmac.compare_digest(b64any(v), mac) for k, v in items if k == "v1")
    elif p == "parts":
        msg = f"POST\n{urllib.parse.urlsplit(d['url']).path}\n{h.get('x-parts-nonce', '')}\n{h['x-parts-time']}\n".encode() + body
        ok = hmac.compare_digest(bytes.fromhex(h["x-parts-signature"]), hmac.new(bytes.fromhex(secret.decode()), msg, hashlib.sha256).digest())
    elif p == "routed":
        msg = f"{d.get('method', 'POST')}\n{urllib.parse.urlsplit(d['url']).path}\n".encode() + body
        ok = hmac.compare_digest(bytes.fromhex(h["x-routed-signature"]), hmac.new(secret, msg, hashlib.sha256).digest())
    elif p == "edkey":
        key = ed25519.Ed25519PublicKey.from_public_bytes(bytes.fromhex(d["public_key"]))
        try:
            key.verify(bytes.fromhex(h["x-ed-signature"]), h["x-ed-timestamp"].encode() + body)
            ok = True
        except InvalidSignature:
            ok = False
    elif p == "eckey":
        key = serialization.load_der_public_key(base64.b64decode(d["public_key"]))
        try:
            key.verify(base64.b64decode(h["x-ec-signature"]), h["x-ec-timestamp"].encode() + body, ec.ECDSA(hashes.SHA256()))
            ok = True
        except InvalidSignature:
            ok = False
    elif p == "tokened":
        ok = hmac.compare_digest(h["x-token"].encode(), b"Bearer " + secret)
    elif p == "svixlike":
        key = base64.b64decode(secret.decode().removeprefix("whsec_"))
        msg = f"{h['svix-id']}.{h['svix-timestamp']}.".encode() + body
        mac = hmac.new(key, msg, hashlib.sha256).digest()
        ok = any(hmac.compare_digest(base64.b64decode(e.split(",", 1)[1]), mac) for e in h["svix-signature"].split(" ") if e.startswith("v1,"))
    else:
        print(f"bad: no recipe here for {p}")
        return
    print("ok" if ok else "bad: signature does not hold")


main()

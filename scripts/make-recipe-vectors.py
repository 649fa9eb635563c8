#!/usr/bin/env python3
"""Vectors for every recipe kind, made without hookscope.

Each kind gets a user-defined provider (config-file YAML) and deliveries signed here with
Python's hmac/hashlib and the `cryptography` package (pip install cryptography): a valid
one, a tampered twin (one body byte changed) and, where the recipe has a timestamp, a stale
twin. The expected verdict follows from how each case is built here, never from hookscope.
Output: Tests/HookscopeCoreTests/Vectors/recipe-kinds.json, read by CatalogueVectorTests
and the end-to-end tests (regenerate with `python3 scripts/make-recipe-vectors.py`; the
asymmetric keys are fixed below and ECDSA signs with RFC 6979 deterministic nonces, so
the file is stable).
"""
import base64
import datetime
import hashlib
import hmac
import json
import os
import urllib.parse

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

NOW = 1_700_000_000
TS = NOW - 30
STALE = NOW - 3600
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "HookscopeCoreTests", "Vectors", "recipe-kinds.json")

ED_PRIVATE = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
EC_PRIVATE = ec.derive_private_key(0x1F2E3D4C5B6A79881726354453627180A0B0C0D0E0F1011121314151617181, ec.SECP256R1())


def pem_private(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()


ED_PUBLIC_HEX = ED_PRIVATE.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
EC_PUBLIC_B64 = base64.b64encode(EC_PRIVATE.public_key().public_bytes(
    serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)).decode()


def tamper(body: str) -> str:
    """One body byte changed: the first digit or letter after the first colon."""
    i = body.index(":") + 2
    c = body[i]
    return body[:i] + ("X" if c != "X" else "Y") + body[i + 1:]


cases = []


def case(provider, name, expect, headers, body, secret, url=None, method="POST", contains=None):
    c = {"name": f"{provider}: {name}", "provider": provider, "expect": expect, "headers": headers, "body": body,
         "secret": secret, "now": NOW, "method": method}
    if url:
        c["url"] = url
    if contains:
        c["reason_contains"] = contains
    cases.append(c)


# hmac sha1 base64 over {url}{params} (Twilio's rule: form parameters sorted by name, name+value).
URL = "https://abc.tunnel.example/hooks/sms?x=1"
form = [("To", "+15550001111"), ("Body", "hi there"), ("From", "+15552223333"), ("AccountSid", "AC123")]
form_body = urllib.parse.urlencode(form)
secret_sha1 = "twilio-like-auth-token-1234"
signed = URL + "".join(k + v for k, v in sorted(form, key=lambda kv: kv[0]))
sig = base64.b64encode(hmac.new(secret_sha1.encode(), signed.encode(), hashlib.sha1).digest()).decode()
case("urlsigned", "valid", "valid", [["X-Url-Signature", sig], ["Content-Type", "application/x-www-form-urlencoded"]], form_body, secret_sha1, url=URL)
case("urlsigned", "tampered", "invalid", [["X-Url-Signature", sig]], form_body.replace("hi+there", "hi+thera"), secret_sha1, url=URL)
case("urlsigned", "signed for https, checked as http", "invalid", [["X-Url-Signature", sig]], form_body, secret_sha1,
     url=URL.replace("https://", "http://"), contains=["with https instead of http"])

# hmac sha512, base64url without padding, a t=/v1= list with an unreadable extra entry.
secret512 = "sha512-secret-abcdef"
body = '{"id":"evt_1","kind":"thing.done"}'


def sig512(ts, b):
    d = hmac.new(secret512.encode(), f"{ts}.{b}".encode(), hashlib.sha512).digest()
    return base64.urlsafe_b64encode(d).decode().rstrip("=")


case("listed", "valid, with an unreadable entry skipped", "valid", [["X-Listed-Signature", f"t={TS},v1=not*base64,v1={sig512(TS, body)}"]], body, secret512,
     contains=["skipped an entry"])
case("listed", "tampered", "invalid", [["X-Listed-Signature", f"t={TS},v1={sig512(TS, body)}"]], tamper(body), secret512)
case("listed", "stale", "expired", [["X-Listed-Signature", f"t={STALE},v1={sig512(STALE, body)}"]], body, secret512)

# hmac sha256 hex (upper case), hex secret, {method} {path} {header:...} and an RFC 3339 timestamp.
secret_hex = "00112233445566778899aabbccddeeff"
iso = datetime.datetime.fromtimestamp(TS, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
iso_stale = datetime.datetime.fromtimestamp(STALE, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sig_parts(ts, b, nonce="n-42"):
    msg = f"POST\n/hooks/parts\n{nonce}\n{ts}\n{b}".encode()
    return hmac.new(bytes.fromhex(secret_hex), msg, hashlib.sha256).hexdigest().upper()


case("parts", "valid", "valid", [["X-Parts-Signature", sig_parts(iso, body)], ["X-Parts-Time", iso], ["X-Parts-Nonce", "n-42"]], body, secret_hex,
     url="https://h.example/hooks/parts")
case("parts", "tampered", "invalid", [["X-Parts-Signature", sig_parts(iso, body)], ["X-Parts-Time", iso], ["X-Parts-Nonce", "n-42"]], tamper(body), secret_hex,
     url="https://h.example/hooks/parts")
case("parts", "stale", "expired", [["X-Parts-Signature", sig_parts(iso_stale, body)], ["X-Parts-Time", iso_stale], ["X-Parts-Nonce", "n-42"]], body, secret_hex,
     url="https://h.example/hooks/parts")

# hmac sha256 hex over {method}\n{path}\n{body}: the method and path of the request line.
secret_routed = "routed-secret-4242"
ROUTED_URL = "https://h.example/hooks/routed/7?x=1"


def sig_routed(method, path, b):
    return hmac.new(secret_routed.encode(), f"{method}\n{path}\n{b}".encode(), hashlib.sha256).hexdigest()


case("routed", "valid", "valid", [["X-Routed-Signature", sig_routed("POST", "/hooks/routed/7", body)]], body, secret_routed, url=ROUTED_URL)
case("routed", "tampered", "invalid", [["X-Routed-Signature", sig_routed("POST", "/hooks/routed/7", body)]], tamper(body), secret_routed, url=ROUTED_URL)
case("routed", "signed for another path", "invalid", [["X-Routed-Signature", sig_routed("POST", "/", body)]], body, secret_routed, url=ROUTED_URL)
case("routed", "signed as PUT, received as POST", "invalid", [["X-Routed-Signature", sig_routed("PUT", "/hooks/routed/7", body)]], body, secret_routed,
     url=ROUTED_URL)

# hmac sha256 hex carried in the body (Mailgun's layout): timestamp + token.
secret_body = "body-signing-key-9876"


def body_signed(ts, token="tok-abc123", event="delivered"):
    s = hmac.new(secret_body.encode(), f"{ts}{token}".encode(), hashlib.sha256).hexdigest()
    return json.dumps({"signature": {"timestamp": str(ts), "token": token, "signature": s}, "event-data": {"event": event}}, separators=(",", ":"))


valid_body = body_signed(TS)
case("inbody", "valid", "valid", [["Content-Type", "application/json"]], valid_body, secret_body)
case("inbody", "tampered (the token changed)", "invalid", [], valid_body.replace("tok-abc123", "tok-abc124"), secret_body)
case("inbody", "stale", "expired", [], body_signed(STALE), secret_body)

# ed25519 hex over {timestamp}{body} (Discord's layout), the public key given as a secret in hex.


def ed_sig(ts, b):
    return ED_PRIVATE.sign(f"{ts}{b}".encode()).hex()


case("edkey", "valid", "valid", [["X-Ed-Signature", ed_sig(TS, body)], ["X-Ed-Timestamp", str(TS)]], body, ED_PUBLIC_HEX)
case("edkey", "tampered", "invalid", [["X-Ed-Signature", ed_sig(TS, body)], ["X-Ed-Timestamp", str(TS)]], tamper(body), ED_PUBLIC_HEX)
case("edkey", "stale", "expired", [["X-Ed-Signature", ed_sig(STALE, body)], ["X-Ed-Timestamp", str(STALE)]], body, ED_PUBLIC_HEX)

# ecdsa p-256 sha-256, DER signature in base64 (SendGrid's layout); the public key in the config (public_key).


def ec_sig(ts, b):
    return base64.b64encode(EC_PRIVATE.sign(f"{ts}{b}".encode(), ec.ECDSA(hashes.SHA256(), deterministic_signing=True))).decode()


case("eckey", "valid", "valid", [["X-Ec-Signature", ec_sig(TS, body)], ["X-Ec-Timestamp", str(TS)]], body, None)
case("eckey", "tampered", "invalid", [["X-Ec-Signature", ec_sig(TS, body)], ["X-Ec-Timestamp", str(TS)]], tamper(body), None)
case("eckey", "stale", "expired", [["X-Ec-Signature", ec_sig(STALE, body)], ["X-Ec-Timestamp", str(STALE)]], body, None)

# token compared as is, after a prefix.
token = "shared-token-5f5f5f"
case("tokened", "valid", "valid", [["X-Token", "Bearer " + token]], body, token, contains=["token matches"])
case("tokened", "wrong token", "invalid", [["X-Token", "Bearer " + token + "x"]], body, token)

# The Svix header names with the Standard Webhooks scheme (versioned v1, whsec_ base64 secret).
whsec_key = bytes(range(24))
whsec = "whsec_" + base64.b64encode(whsec_key).decode()


def svix_sig(msg_id, ts, b):
    return "v1," + base64.b64encode(hmac.new(whsec_key, f"{msg_id}.{ts}.{b}".encode(), hashlib.sha256).digest()).decode()


svix_headers = lambda ts, b: [["svix-id", "msg_abc"], ["svix-timestamp", str(ts)], ["svix-signature", "v2,bm90IHVzZWQ= " + svix_sig("msg_abc", ts, b)]]
case("svixlike", "valid", "valid", svix_headers(TS, body), body, whsec)
case("svixlike", "tampered", "invalid", svix_headers(TS, body)[:2] + [["svix-signature", svix_sig("msg_abc", TS, body)]], tamper(body), whsec)
case("svixlike", "stale", "expired", svix_headers(STALE, body), body, whsec)

CONFIG = f"""providers:
  urlsigned:
    signature: {{ algorithm: sha1, header: X-Url-Signature, message: "{{url}}{{params}}", encoding: base64 }}
  listed:
    signature: {{ algorithm: sha512, header: X-Listed-Signature, list: {{ timestamp: t, signature: v1 }}, message: "{{timestamp}}.{{body}}", encoding: base64url }}
  parts:
    signature:
      header: X-Parts-Signature
      message: "{{method}}\\n{{path}}\\n{{header:X-Parts-Nonce}}\\n{{timestamp}}\\n{{body}}"
      encoding: hex
      secret_encoding: hex
      timestamp_header: X-Parts-Time
      timestamp_format: rfc3339
  routed:
    signature: {{ header: X-Routed-Signature, message: "{{method}}\\n{{path}}\\n{{body}}", encoding: hex }}
  inbody:
    recognise: {{ payload: [signature, event-data] }}
    signature: {{ body: signature.signature, message: "{{timestamp}}{{field:signature.token}}", timestamp_field: signature.timestamp, encoding: hex }}
  edkey:
    signature: {{ kind: ed25519, header: X-Ed-Signature, timestamp_header: X-Ed-Timestamp, message: "{{timestamp}}{{body}}", encoding: hex }}
  eckey:
    signature:
      kind: ecdsa-p256
      header: X-Ec-Signature
      timestamp_header: X-Ec-Timestamp
      message: "{{timestamp}}{{body}}"
      encoding: base64
      public_key: {EC_PUBLIC_B64}
  tokened:
    signature: {{ kind: token, header: X-Token, prefix: "Bearer " }}
  svixlike:
    recognise: {{ headers: [[svix-signature]] }}
    signature: {{ header: svix-signature, versioned: v1, message: "{{id}}.{{timestamp}}.{{body}}", encoding: base64,
                 secret_encoding: "base64:whsec_", id_header: svix-id, timestamp_header: svix-timestamp }}
"""

doc = {
    "made_with": "scripts/make-recipe-vectors.py: Python hmac/hashlib and cryptography " + __import__("cryptography").__version__,
    "config": CONFIG,
    "private_keys": {"edkey": pem_private(ED_PRIVATE), "eckey": pem_private(EC_PRIVATE)},
    "public_keys": {"edkey": ED_PUBLIC_HEX, "eckey": EC_PUBLIC_B64},
    "vectors": cases,
}
with open(OUT, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} vectors to {os.path.normpath(OUT)}")

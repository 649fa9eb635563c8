#!/usr/bin/env python3
"""Signature test vectors that do not come from hookscope's own signing code.

Every digest below is computed with Python's hmac module and, when openssl is on the
PATH, checked again with `openssl dgst -sha256 -mac HMAC`. The expected verdict of each
case follows from how the case was built here (which key, which bytes), not from
hookscope. Output: Tests/HookscopeCoreTests/SignatureVectors.swift (regenerate with
`python3 scripts/make-signature-vectors.py` and commit both).
"""
import base64
import hashlib
import hmac
import os
import shutil
import subprocess
import sys

NOW = 1_700_000_000          # the moment every case is "received"
TS = NOW - 30                # a fresh timestamp
OPENSSL = shutil.which("openssl")
openssl_checks = 0


def mac(key: bytes, message: bytes) -> bytes:
    global openssl_checks
    digest = hmac.new(key, message, hashlib.sha256).digest()
    if OPENSSL:
        out = subprocess.run(
            [OPENSSL, "dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:" + key.hex(), "-binary"],
            input=message, capture_output=True, check=True,
        ).stdout
        assert out == digest, "openssl and Python disagree"
        openssl_checks += 1
    return digest


def hx(key: bytes, message: bytes) -> str:
    return mac(key, message).hex()


def b64(key: bytes, message: bytes) -> str:
    return base64.b64encode(mac(key, message)).decode()


# RFC 4231 test cases 1-4, 6, 7 (case 5 truncates its output and is left out).
RFC4231 = [
    ("1", "0b" * 20, b"Hi There".hex(),
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    ("2", b"Jefe".hex(), b"what do ya want for nothing?".hex(),
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    ("3", "aa" * 20, "dd" * 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    ("4", "0102030405060708090a0b0c0d0e0f10111213141516171819", "cd" * 50,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    ("6", "aa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First".hex(),
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ("7", "aa" * 131,
     b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".hex(),
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]
for name, key, data, expected in RFC4231:
    assert hx(bytes.fromhex(key), bytes.fromhex(data)) == expected, f"RFC 4231 case {name}"

BODY = b'{"id":"evt_123abc","type":"developer.added","created_at":"2026-03-19T10:30:00Z","data":{"developer_id":"dev_456","name":"Jane Doe"}}'
PRETTY = b'{\n  "id": "evt_123abc",\n  "type": "developer.added",\n  "created_at": "2026-03-19T10:30:00Z",\n  "data": {\n    "developer_id": "dev_456",\n    "name": "Jane Doe"\n  }\n}'
TAMPERED = BODY.replace(b"Jane", b"John")
RAW_KEY = bytes(range(1, 25))                     # the "decoded" form of a base64 secret
STD_SECRET = "whsec_" + base64.b64encode(bytes(range(100, 132))).decode()
STD_KEY = bytes(range(100, 132))

# name -> (secret, other secret, how to sign)
PROVIDERS = {
    "productive": "prod_secret_3f9a1c2e7b",
    "gitproductivity": "gp_whsec_8d7e6f5a4b3c",
    "teamwork": "bea1ffc4e56d5056b6e0c7ee24b47b5",
    "standard": STD_SECRET,
    "stripe": "whsec_stripe_test_1234567890",
    "github": "gh_hook_secret_abcdef",
    "slack": "8f742231b10e8888abcd99yyyzzz85a5",
    "shopify": "shpss_0123456789abcdef",
}
EXPECT = {  # provider -> (event, delivery id) the valid case must report
    "productive": (None, None),
    "gitproductivity": ("developer.added", "evt_123abc"),
    "teamwork": ("deals.created", "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"),
    "standard": ("developer.added", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
    "stripe": ("developer.added", "evt_123abc"),
    "github": ("push", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
    "slack": (None, None),
    "shopify": ("orders/create", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
}
STD_ID = EXPECT["standard"][1]


def key_of(provider, secret):
    if provider == "standard":
        return base64.b64decode(secret[len("whsec_"):]) if secret.startswith("whsec_") else secret.encode()
    return secret.encode()


def signed_headers(provider, key, body, ts=TS, extra_v1=None):
    """The headers each provider sends, built from its documented recipe."""
    if provider == "productive":
        return [("Productive-Signature", f"t={ts},s={hx(key, str(ts).encode() + b'.' + body)}")]
    if provider == "gitproductivity":
        return [("X-GitProductivity-Signature", "sha256=" + hx(key, body))]
    if provider == "teamwork":
        return [("Event", "deals.created"), ("Signature", hx(key, body)), ("Delivery", EXPECT["teamwork"][1]),
                ("User-Agent", "Teamwork-Webhooks/1.0")]
    if provider == "standard":
        sig = b64(key, f"{STD_ID}.{ts}.".encode() + body)
        return [("webhook-id", STD_ID), ("webhook-timestamp", str(ts)), ("webhook-signature", f"v1,{sig}")]
    if provider == "stripe":
        value = f"t={ts}," + (f"v1={extra_v1}," if extra_v1 else "") + f"v1={hx(key, str(ts).encode() + b'.' + body)}"
        return [("Stripe-Signature", value)]
    if provider == "github":
        return [("X-GitHub-Event", "push"), ("X-GitHub-Delivery", EXPECT["github"][1]),
                ("X-Hub-Signature-256", "sha256=" + hx(key, body))]
    if provider == "slack":
        return [("X-Slack-Request-Timestamp", str(ts)),
                ("X-Slack-Signature", "v0=" + hx(key, b"v0:" + str(ts).encode() + b":" + body))]
    if provider == "shopify":
        return [("X-Shopify-Topic", "orders/create"), ("X-Shopify-Hmac-Sha256", b64(key, body)),
                ("X-Shopify-Webhook-Id", EXPECT["shopify"][1])]
    raise ValueError(provider)


SIG_HEADER = {"productive": "Productive-Signature", "gitproductivity": "X-GitProductivity-Signature",
              "teamwork": "Signature", "standard": "webhook-signature", "stripe": "Stripe-Signature",
              "github": "X-Hub-Signature-256", "slack": "X-Slack-Signature", "shopify": "X-Shopify-Hmac-Sha256"}
HAS_TIMESTAMP = {"productive", "standard", "stripe", "slack"}


def replace_header(headers, name, value):
    """Replaces (value) or removes (None) a header."""
    out = []
    for k, v in headers:
        if k.lower() == name.lower():
            if value is not None:
                out.append((k, value))
        else:
            out.append((k, v))
    return out


cases = []


def case(name, provider, secrets, headers, body, status, reason=(), event=None, delivery=None, pin=None,
         check_fields=False):
    cases.append(dict(name=name, provider=provider, secrets=secrets, headers=headers, body=body, status=status,
                      reason=list(reason), event=event, delivery=delivery, pin=pin, check_fields=check_fields))


HEX_BAD = "zz" + "0" * 62
HEX_SHORT = "ab" * 31
B64_SHORT = base64.b64encode(bytes(20)).decode()

for p, secret in PROVIDERS.items():
    key = key_of(p, secret)
    good = signed_headers(p, key, BODY)
    sh = SIG_HEADER[p]
    ev, dl = EXPECT[p]
    case(f"{p} valid", p, [(p, secret)], good, BODY, "valid", [sh, "matches secret"], ev, dl, check_fields=True)
    case(f"{p} tampered body", p, [(p, secret)], good, TAMPERED, "invalid", ["matches none of"])
    case(f"{p} wrong secret", p, [(p, "not-the-right-secret-00")] if p != "standard" else [(p, "whsec_" + base64.b64encode(b"x" * 32).decode())],
         good, BODY, "invalid", ["matches none of"])
    case(f"{p} missing header", p, [(p, secret)], replace_header(good, sh, None), BODY, "unsigned", [f"no {sh} header"], pin=p)
    case(f"{p} no secret", p, [], good, BODY, "no_secret", [f"--secret {p}="])
    old = "old-" + secret if p != "standard" else "whsec_" + base64.b64encode(b"o" * 32).decode()
    case(f"{p} rotation", p, [(p, old), (p, secret)], good, BODY, "valid", ["#2 of 2"])
    if p in HAS_TIMESTAMP:
        case(f"{p} expired", p, [(p, secret)], signed_headers(p, key, BODY, ts=NOW - 600), BODY, "expired",
             ["10 min old", "tolerance 5 min"])
        case(f"{p} future", p, [(p, secret)], signed_headers(p, key, BODY, ts=NOW + 900), BODY, "expired",
             ["15 min in the future"])
        case(f"{p} stale and tampered", p, [(p, secret)], signed_headers(p, key, BODY, ts=NOW - 600), TAMPERED, "invalid",
             ["matches none of", "also, its timestamp", "10 min old"])
    # Diagnoses.
    other = "teamwork" if p != "teamwork" else "github"
    other_secret_text = secret if p != "standard" else secret  # the sender's key, filed under another provider
    case(f"{p} secret filed under another provider", p, [(p, old), (other, other_secret_text)], good, BODY, "invalid",
         [f"configured for {other}"])
    if p == "standard":
        raw_signed = signed_headers(p, secret.encode(), BODY)
        case(f"{p} secret used raw by the sender", p, [(p, secret)], raw_signed, BODY, "invalid", ["used as raw text"])
    else:
        b64_secret = base64.b64encode(RAW_KEY).decode()
        case(f"{p} secret is base64 of the key", p, [(p, b64_secret)], signed_headers(p, RAW_KEY, BODY), BODY, "invalid",
             ["base64-decoded"])
    case(f"{p} newline stripped", p, [(p, secret)], signed_headers(p, key, BODY + b"\n"), BODY, "invalid",
         ["trailing newline (\\n) the body lacks"])
    case(f"{p} CRLF stripped", p, [(p, secret)], signed_headers(p, key, BODY + b"\r\n"), BODY, "invalid",
         ["trailing CRLF"])
    case(f"{p} newline added", p, [(p, secret)], good, BODY + b"\n", "invalid", ["without the trailing newline"])
    case(f"{p} re-serialised JSON", p, [(p, secret)], good, PRETTY, "invalid", ["compactly", "re-serialised"])

# Malformed headers, each documented kind per scheme: (provider, value or None to drop a header, expected words).
MALFORMED = [
    ("productive", "Productive-Signature", "", "empty"),
    ("productive", "Productive-Signature", f"s={'ab' * 32}", "missing t="),
    ("productive", "Productive-Signature", f"t={TS}", "missing s="),
    ("productive", "Productive-Signature", f"t={TS},s={HEX_BAD}", "not hex"),
    ("productive", "Productive-Signature", f"t={TS},s={HEX_SHORT}", "62 hex digits"),
    ("productive", "Productive-Signature", f"t=abc,s={'ab' * 32}", "not a whole number"),
    ("productive", "Productive-Signature", f"t={TS},t={TS},s={'ab' * 32}", "appears 2 times"),
    ("productive", "Productive-Signature", f"t=99999999999999999999999,s={'ab' * 32}", "out of range"),
    ("gitproductivity", "X-GitProductivity-Signature", "ab" * 32, "does not start with sha256="),
    ("gitproductivity", "X-GitProductivity-Signature", "sha256=" + HEX_BAD, "not hex"),
    ("gitproductivity", "X-GitProductivity-Signature", "sha256=" + HEX_SHORT, "62 hex digits"),
    ("gitproductivity", "X-GitProductivity-Signature", "sha256=", "empty"),
    ("teamwork", "Signature", HEX_BAD, "not hex"),
    ("teamwork", "Signature", HEX_SHORT, "62 hex digits"),
    ("teamwork", "Signature", "  ", "empty"),
    ("standard", "webhook-signature", "v1a,abc", "no v1,"),
    ("standard", "webhook-signature", "v1,@@@@", "not base64"),
    ("standard", "webhook-signature", "v1," + B64_SHORT, "decodes to 20 bytes"),
    ("standard", "webhook-timestamp", None, "no webhook-timestamp header"),
    ("standard", "webhook-id", None, "no webhook-id header"),
    ("stripe", "Stripe-Signature", f"v1={'ab' * 32}", "missing t="),
    ("stripe", "Stripe-Signature", f"t={TS},v0={'ab' * 32}", "missing v1="),
    ("stripe", "Stripe-Signature", f"t={TS},v1={HEX_BAD}", "not hex"),
    ("github", "X-Hub-Signature-256", "sha1=" + "ab" * 20, "does not start with sha256="),
    ("github", "X-Hub-Signature-256", "sha256=" + HEX_BAD, "not hex"),
    ("github", "X-Hub-Signature-256", "sha256=" + HEX_SHORT, "62 hex digits"),
    ("slack", "X-Slack-Signature", "ab" * 32, "does not start with v0="),
    ("slack", "X-Slack-Request-Timestamp", None, "no X-Slack-Request-Timestamp header"),
    ("slack", "X-Slack-Request-Timestamp", "soon", "not a whole number"),
    ("shopify", "X-Shopify-Hmac-Sha256", "!!not base64!!", "not base64"),
    ("shopify", "X-Shopify-Hmac-Sha256", B64_SHORT, "decodes to 20 bytes"),
    ("shopify", "X-Shopify-Hmac-Sha256", "", "empty"),
]
for p, header, value, words in MALFORMED:
    headers = replace_header(signed_headers(p, key_of(p, PROVIDERS[p]), BODY), header, value)
    case(f"{p} malformed: {words}", p, [(p, PROVIDERS[p])], headers, BODY, "malformed", [words], pin=p)

# Stripe sends one v1 per active secret while rotating: any may match.
case("stripe two v1 entries", "stripe", [("stripe", PROVIDERS["stripe"])],
     signed_headers("stripe", PROVIDERS["stripe"].encode(), BODY, extra_v1="0" * 64), BODY, "valid", ["matches secret"],
     "developer.added", "evt_123abc", check_fields=True)

# ProductLift: the seed does not say how it signs. Discovery finds a header signed over the raw body.
PL_BODY = b'{"id":"vg3EGg2wcHgd8nMl","creation_time":"2022-06-01T18:17:37Z","event":"vote.created","data":{"portal":{"id":4}}}'
PL_SECRET = "pl_portal_secret_42"
case("productlift no secret", "productlift", [], [("Content-Type", "application/json")], PL_BODY, "no_secret",
     ["does not say how it signs"], "vote.created", "vg3EGg2wcHgd8nMl", check_fields=True)
case("productlift discovered hex", "productlift", [("productlift", PL_SECRET)],
     [("X-Signature", hx(PL_SECRET.encode(), PL_BODY))], PL_BODY, "valid",
     ["discovered: header X-Signature, hex"], "vote.created", "vg3EGg2wcHgd8nMl", check_fields=True)
case("productlift discovered base64 after prefix", "productlift", [("productlift", PL_SECRET)],
     [("X-PL-Sig", "sha256=" + b64(PL_SECRET.encode(), PL_BODY))], PL_BODY, "valid",
     ["discovered: header X-PL-Sig, base64 after sha256="])
case("productlift nothing matches", "productlift", [("productlift", PL_SECRET)],
     [("X-Signature", hx(b"other", PL_BODY))], PL_BODY, "invalid", ["none matched"])
case("productlift no digest header", "productlift", [("productlift", PL_SECRET)],
     [("Content-Type", "application/json")], PL_BODY, "unsigned", ["no header looks like"])
# An unknown sender, a secret under a name with no profile: discovery names the header.
case("unknown sender discovered", "acme", [("acme", "acme-secret-123456")],
     [("X-Acme-Digest", hx(b"acme-secret-123456", b"hello"))], b"hello", "valid",
     ["discovered: header X-Acme-Digest, hex"])


# A user-defined provider from a config file: a k=v list with ';', base64, {id}:{timestamp}:{body}.
ACME_YAML = """secrets:
  acme: [acme-old-secret-000, acme-secret-1234567]
providers:
  acme:
    name: Acme Corp
    recognise:
      headers: [X-Acme-Signature]
    signature:
      header: X-Acme-Signature
      list: {timestamp: ts, signature: sig, separator: ";"}
      message: "{id}:{timestamp}:{body}"
      encoding: base64
      id_header: X-Acme-Id
      tolerance: 120
    event: body:kind
    delivery_id: header:X-Acme-Id
"""
ACME_KEY = b"acme-secret-1234567"
ACME_BODY = b'{"kind":"order.paid","n":1}'


def acme_headers(ts, body=ACME_BODY):
    return [("X-Acme-Id", "a-77"), ("X-Acme-Signature", f"ts={ts};sig={b64(ACME_KEY, b'a-77:' + str(ts).encode() + b':' + body)}")]


custom_cases = []
for name, headers, body, status, reason in [
    ("acme valid", acme_headers(TS), ACME_BODY, "valid", ["X-Acme-Signature (hmac-sha256-base64 over {id}:{timestamp}:{body})", "#2 of 2"]),
    ("acme expired", acme_headers(NOW - 200), ACME_BODY, "expired", ["3 min 20 s old", "tolerance 2 min (config file)"]),
    ("acme tampered", acme_headers(TS), ACME_BODY.replace(b"1", b"2"), "invalid", ["matches none of"]),
    ("acme newline stripped", acme_headers(TS, ACME_BODY + b"\n"), ACME_BODY, "invalid", ["trailing newline"]),
    ("acme missing id header", [h for h in acme_headers(TS) if h[0] != "X-Acme-Id"], ACME_BODY, "malformed", ["no X-Acme-Id header"]),
]:
    custom_cases.append(dict(name=name, provider="acme", secrets=[], headers=headers, body=body, status=status, reason=reason,
                             event="order.paid", delivery="a-77" if status == "valid" else None, pin=None,
                             check_fields=status == "valid"))


def swift(value) -> str:
    if value is None:
        return "nil"
    if isinstance(value, bytes):
        value = value.decode()
    out = ['"']
    for ch in value:
        if ch == "\\": out.append("\\\\")
        elif ch == '"': out.append('\\"')
        elif ch == "\n": out.append("\\n")
        elif ch == "\r": out.append("\\r")
        elif ch == "\t": out.append("\\t")
        elif ord(ch) < 0x20: out.append("\\u{%x}" % ord(ch))
        else: out.append(ch)
    out.append('"')
    return "".join(out)


lines = [
    "// Generated by scripts/make-signature-vectors.py: do not edit by hand.",
    f"// Digests computed with Python's hmac{', each checked with openssl (' + str(openssl_checks) + ' checks)' if OPENSSL else ''}.",
    "",
    "struct RFC4231Vector { let name: String; let keyHex: String; let dataHex: String; let macHex: String }",
    "",
    "struct SignatureVector {",
    "    let name: String",
    "    /// The provider the analysis must report (nil: not checked).",
    "    let provider: String?",
    "    let secrets: [(provider: String, value: String)]",
    "    let headers: [(String, String)]",
    "    let body: String",
    "    let status: String",
    "    let reasonContains: [String]",
    "    let event: String?",
    "    let deliveryID: String?",
    "    let pin: String?",
    "    /// Whether `event` and `deliveryID` are what the analysis must report.",
    "    let checksFields: Bool",
    "}",
    "",
    "enum SignatureVectors {",
    f"    static let receivedAt: Int64 = {NOW}",
    f"    static let timestamp: Int64 = {TS}",
    f"    static let standardMessageID = {swift(STD_ID)}",
    f"    static let body = {swift(BODY)}",
    "    static let secrets: [String: String] = [",
]
for p, s in PROVIDERS.items():
    lines.append(f"        {swift(p)}: {swift(s)},")
lines.append("    ]")
lines.append("    /// The headers each provider sends for `body` at `timestamp`, as the script built them.")
lines.append("    static let validHeaders: [String: [(String, String)]] = [")
for p, s in PROVIDERS.items():
    hs = ", ".join(f"({swift(k)}, {swift(v)})" for k, v in signed_headers(p, key_of(p, s), BODY))
    lines.append(f"        {swift(p)}: [{hs}],")
lines.append("    ]")
lines.append("    static let rfc4231: [RFC4231Vector] = [")
for name, key, data, expected in RFC4231:
    lines.append(f"        RFC4231Vector(name: {swift(name)}, keyHex: {swift(key)}, dataHex: {swift(data)}, macHex: {swift(expected)}),")
lines.append("    ]")
lines.append(f"    static let customConfigYAML = {swift(ACME_YAML)}")


def emit(name, items):
    lines.append(f"    static let {name}: [SignatureVector] = [")
    for c in items:
        emit_case(c)
    lines.append("    ]")


def emit_case(c):
    secrets = ", ".join(f"({swift(a)}, {swift(b)})" for a, b in c["secrets"]) or ""
    headers = ", ".join(f"({swift(a)}, {swift(b)})" for a, b in c["headers"])
    reasons = ", ".join(swift(r) for r in c["reason"])
    lines.append("        SignatureVector(")
    lines.append(f"            name: {swift(c['name'])}, provider: {swift(c['provider'])},")
    lines.append(f"            secrets: [{secrets}],")
    lines.append(f"            headers: [{headers}],")
    lines.append(f"            body: {swift(c['body'])},")
    lines.append(f"            status: {swift(c['status'])}, reasonContains: [{reasons}],")
    lines.append(f"            event: {swift(c['event'])}, deliveryID: {swift(c['delivery'])}, pin: {swift(c['pin'])}, checksFields: {'true' if c['check_fields'] else 'false'}")
    lines.append("        ),")


emit("cases", cases)
emit("customCases", custom_cases)
lines.append("}")

here = os.path.dirname(os.path.abspath(__file__))
target = os.path.join(here, "..", "Tests", "HookscopeCoreTests", "SignatureVectors.swift")
with open(target, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"wrote {len(cases) + len(custom_cases)} cases and {len(RFC4231)} RFC 4231 vectors to {os.path.relpath(target)}"
      + (f"; {openssl_checks} digests checked with openssl" if OPENSSL else "; openssl not found, Python only"))

"""Drives hookscope in tmux, captures screens with colours, renders them to PNG.

Usage: screenshots.py HOOKSCOPE_BINARY OUTPUT_DIR
"""
import hashlib
import hmac
import json
import os
import re
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.request
import uuid

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 100, 30
SECRETS = {"teamwork": "tw-secret-0123456789", "productive": "pr-secret-0123456789", "gitproductivity": "gp-secret-0123456789"}
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Tmux:
    def __init__(self, command, width=WIDTH, height=HEIGHT):
        self.socket = f"hookscope-shots-{uuid.uuid4()}"
        self.run("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "ui", command)

    def run(self, *args):
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                              check=True, capture_output=True, text=True).stdout

    def keys(self, *keys):
        self.run("send-keys", "-t", "ui", *keys)

    def text(self):
        return self.run("capture-pane", "-p", "-t", "ui")

    def ansi(self):
        return self.run("capture-pane", "-e", "-p", "-t", "ui")

    def wait_for(self, needle, timeout=20):
        self.wait_until(lambda screen: needle in screen, repr(needle), timeout)

    def wait_until(self, check, what, timeout=20):
        """Polls the screen until `check(text)` holds; the screen's text, or exits saying what never showed."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            screen = self.text()
            if check(screen):
                return screen
            time.sleep(0.05)
        raise SystemExit(f"screen never showed {what}:\n{self.text()}")

    def kill(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def post(port, path, body, headers, timeout=10):
    """Sends one delivery; the answer's status. `timeout` bounds each socket read: a held
    request needs one above every wait before its decision."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def sign(secret, message):
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


# An event the app keeps failing (a rule answers 503 on this path), retried on Teamwork's
# documented schedule (after 1, then 5 minutes) in real time, so the Attempts tab shows
# real gaps and the next retry it expects.
FAILING_PATH = "/hooks/teamwork/invoices"
FAILING_EVENT = ("invoices.created", {"invoice": {"id": 311, "total": 980.0, "currency": "EUR"}}, "5d0c9a7e-1b2c-4d3e-8f90-a1b2c3d4e5f6")
FAILING_GAPS = [60, 300]


def send_teamwork(port, rows, name, event, payload, delivery, good=True, path="/hooks/teamwork"):
    body = json.dumps(payload).encode()
    signature = sign(SECRETS["teamwork"], body) if good else sign("not-the-secret", body)
    post(port, path, body, {"Content-Type": "application/json", "Event": event,
                            "Delivery": delivery, "Signature": signature,
                            "User-Agent": "Teamwork-Webhooks"})
    rows[name] = len(rows)


def send_deliveries(port, rows):
    """One delivery per mark, a retry, and a binary body; notes the row of each by name."""
    def teamwork(name, event, payload, delivery, good=True):
        send_teamwork(port, rows, name, event, payload, delivery, good)

    deal = {"deal": {"id": 4711, "name": "Acme rollout", "value": 12500.5, "stage": "won",
                     "owner": {"id": 7, "email": "ana@example.com"}, "tags": ["enterprise", "q4"]}}
    teamwork("valid", "deals.created", deal, "7c1e6c1a-2f5d-4a53-9d8e-0f1b2c3d4e5f")
    teamwork("invalid", "deals.updated", {"deal": {"id": 4711, "stage": "lost"}}, "0b9d2c47-71aa-4f0e-8a5b-6c7d8e9f0a1b", good=False)
    teamwork("retry", "deals.created", deal, "7c1e6c1a-2f5d-4a53-9d8e-0f1b2c3d4e5f")

    body = json.dumps({"data": {"type": "deals", "id": "981"}}).encode()
    stamp = int(time.time()) - 3600
    post(port, "/hooks/productive", body, {"Content-Type": "application/json",
         "Productive-Signature": f"t={stamp},s={sign(SECRETS['productive'], f'{stamp}.'.encode() + body)}"})
    rows["expired"] = len(rows)

    body = json.dumps({"type": "push", "id": "evt_01J9", "created_at": "2026-11-23T19:05:02Z"}).encode()
    post(port, "/hooks/gitproductivity", body, {"Content-Type": "application/json", "X-GitProductivity-Signature": "sha256=not-hex"})
    rows["malformed"] = len(rows)

    body = json.dumps({"id": "evt_3Q", "type": "invoice.paid"}).encode()
    post(port, "/hooks/stripe", body, {"Content-Type": "application/json", "Stripe-Signature": f"t={int(time.time())},v1=" + "ab" * 32})
    rows["nosecret"] = len(rows)

    post(port, "/ci/build?branch=main", json.dumps({"status": "green", "build": 812}).encode(), {"Content-Type": "application/json"})
    rows["unsigned"] = len(rows)

    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61") + bytes(range(0, 256, 3))
    post(port, "/upload/avatar.png", png, {"Content-Type": "image/png"})
    rows["binary"] = len(rows)


PALETTE = {0: (40, 42, 54), 1: (224, 80, 80), 2: (80, 200, 120), 3: (230, 190, 80), 4: (100, 140, 240),
           5: (210, 110, 220), 6: (90, 200, 220), 7: (220, 220, 220)}
BRIGHT = {k: tuple(min(255, c + 35) for c in v) for k, v in PALETTE.items()}
BACKGROUND, FOREGROUND = (24, 25, 33), (215, 218, 224)


def parse_ansi(text, height=HEIGHT):
    """Rows of (character, style) from tmux's `capture-pane -e` output."""
    rows = []
    style = {}
    for line in text.split("\n")[:height]:
        row = []
        parts = re.split(r"(\x1b\[[0-9;]*m)", line)
        for part in parts:
            if part.startswith("\x1b["):
                codes = [int(c) if c else 0 for c in part[2:-1].split(";")]
                i = 0
                while i < len(codes):
                    c = codes[i]
                    if c == 0:
                        style = {}
                    elif c == 1:
                        style["bold"] = True
                    elif c == 2:
                        style["dim"] = True
                    elif c == 4:
                        style["underline"] = True
                    elif c == 7:
                        style["reverse"] = True
                    elif c == 22:
                        style.pop("bold", None); style.pop("dim", None)
                    elif c == 24:
                        style.pop("underline", None)
                    elif c == 27:
                        style.pop("reverse", None)
                    elif 30 <= c <= 37:
                        style["fg"] = PALETTE[c - 30]
                    elif 90 <= c <= 97:
                        style["fg"] = BRIGHT[c - 90]
                    elif c == 39:
                        style.pop("fg", None)
                    elif 40 <= c <= 47:
                        style["bg"] = PALETTE[c - 40]
                    elif c == 49:
                        style.pop("bg", None)
                    elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                        style["fg" if c == 38 else "bg"] = PALETTE.get(codes[i + 2] % 8, FOREGROUND)
                        i += 2
                    i += 1
            else:
                for ch in part:
                    row.append((ch, dict(style)))
                    if unicodedata.east_asian_width(ch) in ("W", "F"):
                        row.append(("", dict(style)))
        rows.append(row)
    while len(rows) < height:
        rows.append([])
    return rows


def render_png(ansi, path, width=WIDTH, height=HEIGHT):
    size = 16
    regular = ImageFont.truetype(FONT_DIR + "DejaVuSansMono.ttf", size)
    bold = ImageFont.truetype(FONT_DIR + "DejaVuSansMono-Bold.ttf", size)
    fallbacks = [ImageFont.truetype(FONT_DIR + "DejaVuSans.ttf", size),
                 ImageFont.truetype("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", size - 2)]
    cell_w = int(regular.getlength("M"))
    cell_h = size + 4
    pad = 12
    image = Image.new("RGB", (width * cell_w + 2 * pad, height * cell_h + 2 * pad), BACKGROUND)
    draw = ImageDraw.Draw(image)
    def glyph(font, ch):
        mask = font.getmask(ch)
        return mask.size, bytes(mask)
    def has_glyph(font, ch):
        return glyph(font, ch) != glyph(font, "\uffff")
    for y, row in enumerate(parse_ansi(ansi, height)):
        for x, (ch, style) in enumerate(row[:width]):
            fg, bg = style.get("fg", FOREGROUND), style.get("bg", BACKGROUND)
            if style.get("reverse"):
                fg, bg = bg, fg
            if style.get("dim"):
                fg = tuple(int(c * 0.6 + b * 0.4) for c, b in zip(fg, BACKGROUND))
            left, top = pad + x * cell_w, pad + y * cell_h
            if bg != BACKGROUND:
                draw.rectangle([left, top, left + cell_w * (2 if len(row) > x + 1 and row[x + 1][0] == "" else 1) - 1, top + cell_h - 1], fill=bg)
            if ch in ("", " "):
                continue
            font = bold if style.get("bold") else regular
            if not ch.isascii() and not has_glyph(font, ch):
                font = next((f for f in fallbacks if has_glyph(f, ch)), font)
            draw.text((left, top + 1), ch, font=font, fill=fg)
            if style.get("underline"):
                draw.line([left, top + cell_h - 2, left + cell_w - 1, top + cell_h - 2], fill=fg)
    image.save(path)


def main():
    binary, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    port = free_port()
    secrets = " ".join(f"--secret {k}={v}" for k, v in SECRETS.items())
    rule = f"--rule 'POST {FAILING_PATH} -> 503'"
    tmux = Tmux(f"env TERM=xterm-256color LANG=C.UTF-8 TZ=UTC {binary} listen --port {port} {secrets} {rule}")
    try:
        tmux.wait_for(f"127.0.0.1:{port}")
        rows = {}
        started = time.time()
        send_teamwork(port, rows, "failing-1", *FAILING_EVENT, path=FAILING_PATH)
        send_deliveries(port, rows)
        tmux.wait_for("/upload/avatar")
        # The failing event's retries, at the documented gaps (this takes six minutes).
        for number, gap in enumerate(FAILING_GAPS, start=2):
            started += gap
            time.sleep(max(0, started - time.time()))
            send_teamwork(port, rows, f"failing-{number}", *FAILING_EVENT, path=FAILING_PATH)
        tmux.wait_for("#3")
        time.sleep(1.2)  # one clock tick, so the rate in the top bar is filled in
        tmux.keys("k")   # pause follow mode on a row that is not the newest
        time.sleep(0.2)

        def open_row(name, *then):
            tmux.keys("Escape", "g")
            for _ in range(rows[name]):
                tmux.keys("j")
            tmux.keys("Enter", *then)
            time.sleep(0.4)

        shots = {"list.png": tmux.ansi()}
        open_row("valid")
        shots["detail-json.png"] = tmux.ansi()
        open_row("invalid", "2")
        shots["signature.png"] = tmux.ansi()
        open_row("binary")
        shots["hex.png"] = tmux.ansi()
        open_row(f"failing-{len(FAILING_GAPS) + 1}", "4")
        tmux.wait_for("expected at")
        shots["attempts.png"] = tmux.ansi()
        tmux.keys("Escape", "s", "Down", "Down")
        time.sleep(0.4)
        shots["picker.png"] = tmux.ansi()
        tmux.keys("Escape")
        # Replay the expired Productive delivery to hookscope itself: the warning first,
        # then re-signed, the replay row and the delivery it caused, both valid.
        tmux.keys("g")
        for _ in range(rows["expired"]):
            tmux.keys("j")
        tmux.keys("r")
        tmux.wait_for("replay to:")
        tmux.keys("-N", "40", "BSpace")
        tmux.keys("-l", f"http://127.0.0.1:{port}")
        tmux.keys("Enter")
        tmux.wait_for("Replay #")
        shots["replay-warning.png"] = tmux.ansi()
        tmux.keys("s")
        tmux.wait_for("is #")
        tmux.keys("F")
        time.sleep(0.4)
        shots["replay.png"] = tmux.ansi()
        for name, ansi in shots.items():
            render_png(ansi, os.path.join(out, name))
            print(os.path.join(out, name))
        tmux.keys("q")
    finally:
        tmux.kill()


if __name__ == "__main__":
    main()

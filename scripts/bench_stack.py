"""Start the stack once and print figures: start-to-ready time, idle resident
memory per process, forwarding latency (confirmation to stored, median over
N checks) and outbox redelivery after an intake outage.

Run with the web environment's Python after `make train`:
    .venv/web/bin/python scripts/bench_stack.py
Uses its own ports and a temporary state folder.
"""
from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from stack.layout import Ports, parts
from stack.processes import Stack

ROOT = Path(__file__).resolve().parent.parent

PORTS = Ports(35005, 35055, 38000)
RASA_TOKEN = ""


def measure_forwarding(stack: Stack, state: Path, checks: int) -> None:
    env = stack.parts[0].env
    out = subprocess.run([str(ROOT / ".venv/web/bin/python"), "manage.py", "create_account", "--role", "supervisor",
                          "--name", "bench"], cwd=ROOT / "intake", env=env, check=True, capture_output=True, text=True)
    token = out.stdout.strip().splitlines()[-1]
    rasa, web = f"http://127.0.0.1:{PORTS.rasa}", f"http://127.0.0.1:{PORTS.web}"
    latencies = []
    for n in range(checks):
        sender = f"web-bench{n:04d}{secrets.token_hex(6)}"
        run_check(rasa, RASA_TOKEN, sender)
        started = time.monotonic()
        post(f"{rasa}/webhooks/rest/webhook", {"sender": sender, "message": "/forward_signal"})
        signal_id = get(f"{rasa}/conversations/{sender}/tracker?token={RASA_TOKEN}")["slots"]["signal_id"]
        while signal_id not in stored_ids(web, token):
            time.sleep(0.05)
        latencies.append(time.monotonic() - started)
    print(f"forwarding, confirmation to stored: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms over {checks} checks")
    # Outage: the intake is down while 5 signals are forwarded, then comes back.
    senders = [f"web-outage{n}{secrets.token_hex(6)}" for n in range(5)]
    for sender in senders:
        run_check(rasa, RASA_TOKEN, sender)
    stack.stop(["web"])
    ids = []
    for sender in senders:
        post(f"{rasa}/webhooks/rest/webhook", {"sender": sender, "message": "/forward_signal"})
        ids.append(get(f"{rasa}/conversations/{sender}/tracker?token={RASA_TOKEN}")["slots"]["signal_id"])
    stack.start(["web"])
    stack.wait_ready(only=["web"])
    back = time.monotonic()
    while not set(ids) <= stored_ids(web, token):
        time.sleep(0.2)
    stored = [i for i in get(f"{web}/api/signals", token) if i["id"] in ids]
    print(f"outbox redelivery after the intake came back: all 5 stored after {time.monotonic() - back:.1f} s "
          f"({len(stored)} stored, duplicates: {len(stored) - len(set(s['id'] for s in stored))})")


def rss_mib(pid: int) -> float:
    """Resident memory of a process group's leader and its children (MiB)."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        pgid_file = status.parent / "stat"
        try:
            pgid = int(pgid_file.read_text().rsplit(")", 1)[1].split()[2])
        except (OSError, IndexError, ValueError):
            continue
        if pgid == pid and "VmRSS" in fields:
            total += int(fields["VmRSS"].split()[0])
    return total / 1024


def post(url: str, payload: dict) -> list:
    """POST to Rasa's officer channel as a trusted caller (it refuses calls without the token)."""
    request = urllib.request.Request(url, json.dumps(payload).encode(),
                                     {"Content-Type": "application/json", "Authorization": f"Bearer {RASA_TOKEN}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def get(url: str, token: str | None = None) -> object:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def run_check(rasa: str, token: str, sender: str) -> None:
    """Answer every question with its first option (context) or "no"."""
    say = lambda text: post(f"{rasa}/webhooks/rest/webhook", {"sender": sender, "message": text})  # noqa: E731
    say("/report_signal")
    for _ in range(40):
        slot = get(f"{rasa}/conversations/{sender}/tracker?token={token}")["slots"]["requested_slot"]
        if slot is None:
            return
        say({"setting": '/inform{"setting": "workplace"}', "persons": '/inform{"persons": "2"}',
             "exploitation_type": '/inform{"exploitation_type": "labour"}'}.get(slot, "/deny"))


def stored_ids(web: str, token: str) -> set:
    return {s["id"] for s in get(f"{web}/api/signals", token)}


def training_seconds() -> str:
    """The last `make train` from nothing or after a change (scripts/train_if_needed.sh writes it)."""
    path = ROOT / "build" / "results" / "training.json"
    if not path.exists():
        return "no training recorded (the model was up to date)"
    data = json.loads(path.read_text(encoding="utf-8"))
    return f"{data['seconds']} s for {data['model']}"


def main() -> None:
    print(f"last training: {training_seconds()}")
    state = Path(tempfile.mkdtemp(prefix="signaal-bench-"))
    os.environ["SIGNAAL_STATE_DIR"] = str(state)
    os.environ["SIGNAAL_OUTBOX_POLL_SECONDS"] = "1"
    global RASA_TOKEN
    RASA_TOKEN = secrets.token_urlsafe(16)
    stack = Stack(parts(PORTS, state, RASA_TOKEN, with_bot=False), state / "logs")
    started = time.monotonic()
    stack.start()
    try:
        ready = stack.wait_ready(timeout=600)
        print(f"all parts ready after {time.monotonic() - started:.1f} s")
        for name, seconds in ready.items():
            print(f"  {name:8s} ready after {seconds:6.1f} s")
        time.sleep(10)  # idle
        for part in stack.parts:
            print(f"  {part.name:8s} idle RSS {rss_mib(part.process.pid):7.1f} MiB")
        measure_forwarding(stack, state, int(os.environ.get("BENCH_CHECKS", "10")))
    finally:
        stack.stop()


if __name__ == "__main__":
    main()

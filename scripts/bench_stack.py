"""`make bench`: Signaal and Rasa's own starter bot (`rasa init`) under the same load in one run.

Prints, never asserts (docs/performance.md): training time of both; start-to-ready of each;
p50/p95/p99 and throughput for short turns and for whole checks at BENCH_OFFICERS (20)
simultaneous officers, both bots interleaved round by round, with the ratios; one officer
alone, turn 1 vs turn 40; idle and loaded resident memory of every process. BENCH_CHECKS=N
adds the forwarding latency over N checks and the outbox redelivery after an intake outage.

    make bench    (.venv/web/bin/python -m scripts.bench_stack; BENCH_PORT_BASE=35000 ports +5/+6/+55/+80)
Uses its own ports and a temporary state folder; the starter is trained once into build/starter.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Dict, Optional

from scripts import turn_load
from stack.layout import Ports, parts
from stack.processes import Part, Stack

ROOT = Path(__file__).resolve().parent.parent

PORTS = Ports(35005, 35055, 38000)
RASA_TOKEN = ""


def measure_forwarding(stack: Stack, state: Path, checks: int) -> None:
    env = stack.parts[0].env
    print()
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


# -- Rasa's starter bot (`rasa init`), trained once and kept under build/starter ---------------------
STARTER = ROOT / "build" / "starter"
RASA_BIN = ROOT / ".venv" / "rasa" / "bin"


def starter_model() -> Path:
    """Train Rasa's starter once (`rasa init --no-prompt` in a temporary folder), keep it in build/starter."""
    models = sorted((STARTER / "models").glob("*.tar.gz")) if STARTER.exists() else []
    if models and (STARTER / "training.json").exists():
        return models[-1]
    work = Path(tempfile.mkdtemp(prefix="signaal-starter-"))
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    print("==> training Rasa's starter bot once (rasa init --no-prompt), kept in build/starter")
    subprocess.run([str(RASA_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(work)], cwd=work, env=env,
                   check=True, capture_output=True)
    # `rasa init` trains too; time a training of its own so the figure is training alone.
    for old in (work / "models").glob("*.tar.gz"):
        old.unlink()
    started = time.monotonic()
    subprocess.run([str(RASA_BIN / "rasa"), "train", "--quiet"], cwd=work, env=env, check=True, capture_output=True)
    seconds = time.monotonic() - started
    if STARTER.exists():
        shutil.rmtree(STARTER)
    shutil.copytree(work, STARTER)
    shutil.rmtree(work, ignore_errors=True)
    (STARTER / "training.json").write_text(json.dumps({"seconds": round(seconds, 1)}), encoding="utf-8")
    return sorted((STARTER / "models").glob("*.tar.gz"))[-1]


def starter_part(port: int, state: Path) -> Part:
    return Part("starter", [str(RASA_BIN / "rasa"), "run", "--enable-api", "--interface", "127.0.0.1", "--port",
                            str(port), "--model", str(starter_model()), "--credentials", str(STARTER / "credentials.yml")],
                f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}",
                env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"})


# -- what the officers say ------------------------------------------------------------------------------
def buttons(replies: list) -> list:
    return [b.get("payload", "") for r in replies for b in (r.get("buttons") or [])]


def answer(replies: list) -> Optional[str]:
    """The answer a hurried officer gives: "no" to an indicator, else the first option; None when nothing is asked."""
    payloads = buttons(replies)
    for wanted in ("/none_of_these", "/deny"):  # "Nee, niets hiervan" where indicators are shown beside it
        for payload in payloads:
            if payload.startswith(wanted):
                return payload
    return payloads[0] if payloads else None


def signaal_short() -> turn_load.Script:
    """Greeting (typed), start a check (its button), two answers (buttons)."""
    def script(turn: int, replies: list) -> Optional[str]:
        if turn == 0:
            return "hallo"
        if turn == 1:
            return "/report_signal"
        if turn in (2, 3):
            return answer(replies) or "nee"
        return None
    return script


def signaal_check(limit: int = 80) -> turn_load.Script:
    """A whole check: start, then answer every question until none is asked."""
    def script(turn: int, replies: list) -> Optional[str]:
        if turn == 0:
            return "/report_signal"
        if turn >= limit:
            return None
        return answer(replies)
    return script


def signaal_long(turns: int) -> turn_load.Script:
    """One conversation of `turns` turns: a check answered with the first option (a yes opens a dimension,
    so more is asked), then greetings and questions until the length is reached."""
    state = {"done_at": None}
    talk = faq_talk(turns)

    def script(turn: int, replies: list) -> Optional[str]:
        if turn >= turns:
            return None
        if turn == 0:
            return "/report_signal"
        if state["done_at"] is None:
            payloads = buttons(replies)
            if payloads and not any(p.startswith("/forward") or p.startswith("/cancel") for p in payloads):
                return payloads[0]
            state["done_at"] = turn
        return talk(turn, replies)
    return script


STARTER_SHORT = ["hello", "I am feeling very sad", "yes", "goodbye"]
STARTER_TALK = ["hi", "I am sad", "no", "are you a bot?", "great", "yes", "bye", "hello there"]


def starter_long(turns: int) -> turn_load.Script:
    return lambda turn, replies: STARTER_TALK[turn % len(STARTER_TALK)] if turn < turns else None


def faq_talk(turns: int) -> turn_load.Script:
    """Greetings and questions, no action server involved (the issue's growth measurement)."""
    talk = ["hallo", "wat is mensenhandel?", "hoi", "wat is een signaal?", "goedemorgen", "wie ziet mijn melding?"]
    return lambda turn, replies: talk[turn % len(talk)] if turn < turns else None


def row(name: str, values: Dict[str, float]) -> str:
    return (f"| {name} | {values['p50']:,.0f} ms | {values['p95']:,.0f} ms | {values['p99']:,.0f} ms | "
            f"{values['throughput']:.1f} req/s | {values['n']} | {values['errors']} |")


def table(title: str, rows: Dict[str, Dict[str, float]]) -> None:
    print(f"\n{title}\n")
    print("| | p50 | p95 | p99 | throughput | turns | errors |")
    print("|---|---|---|---|---|---|---|")
    for name, values in rows.items():
        print(row(name, values))
    if len(rows) == 2:
        (a, va), (b, vb) = rows.items()
        print(f"\nratio {b} / {a}: p50 ×{vb['p50'] / va['p50']:.2f}, p95 ×{vb['p95'] / va['p95']:.2f}, "
              f"p99 ×{vb['p99'] / va['p99']:.2f}, throughput ×{vb['throughput'] / va['throughput']:.2f}")


def compare(title: str, targets: Dict[str, tuple], officers: int, rounds: int) -> None:
    """Both bots under the same load, interleaved round by round so drift on a shared machine hits both."""
    results = {name: turn_load.Result() for name in targets}
    for n in range(rounds):
        for name, (url, token, script_for, each) in targets.items():
            results[name].add(turn_load.load(url, token, f"web-b{n}{name[:2]}", script_for, officers, each))
    table(title, {name: result.row() for name, result in results.items()})


def one_officer(url: str, token: Optional[str], script_for, conversations: int, prefix: str) -> turn_load.Result:
    result = turn_load.Result()
    for _ in range(conversations):
        result.add(turn_load.load(url, token, prefix, script_for, 1, 1))
    return result


def turn_row(name: str, result: turn_load.Result, turns=(1, 10, 20, 40)) -> str:
    cells = [f"{turn_load.median_of(result.by_turn.get(t, [])):.0f} ms (turn {t})" for t in turns]
    return f"| {name} | " + " | ".join(cells) + f" | {turn_load.median_of(result.latencies_ms):.0f} ms |"


def main() -> None:
    officers = int(os.environ.get("BENCH_OFFICERS", "20"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    base = int(os.environ.get("BENCH_PORT_BASE", "35000"))
    ports = Ports(base + 5, base + 55, base + 80)
    starter_port = base + 6
    print(f"last training (Signaal): {training_seconds()}")
    starter_model()
    print(f"training (Rasa's starter, `rasa train`): "
          f"{json.loads((STARTER / 'training.json').read_text())['seconds']} s")
    state = Path(tempfile.mkdtemp(prefix="signaal-bench-"))
    os.environ["SIGNAAL_STATE_DIR"] = str(state)
    os.environ["SIGNAAL_OUTBOX_POLL_SECONDS"] = "1"
    global RASA_TOKEN, PORTS
    PORTS = ports
    RASA_TOKEN = secrets.token_urlsafe(16)
    stack = Stack(parts(ports, state, RASA_TOKEN, with_bot=False), state / "logs")
    starter = Stack([starter_part(starter_port, state)], state / "logs")
    try:
        started = time.monotonic()
        stack.start()
        ready = stack.wait_ready(timeout=600)
        print(f"\nstart-to-ready (each started alone): Signaal {time.monotonic() - started:.1f} s "
              f"({', '.join(f'{k} {v:.1f} s' for k, v in ready.items())})", end="")
        built = stack.wait_for_ted()  # on its thread, after Rasa answers
        print(f" (TED built {built} s after that)" if built is not None else " (TED not built in 180 s)", end="")
        started = time.monotonic()
        starter.start()
        starter.wait_ready(timeout=600)
        print(f"; Rasa's starter {time.monotonic() - started:.1f} s")
        time.sleep(10)  # idle
        idle = {p.name: rss_mib(p.process.pid) for p in stack.parts + starter.parts}
        signaal_url = f"http://127.0.0.1:{ports.rasa}/webhooks/rest/webhook"
        starter_url = f"http://127.0.0.1:{starter_port}/webhooks/rest/webhook"
        # warm both (first messages load lazily)
        turn_load.load(signaal_url, RASA_TOKEN, "web-warm", signaal_short, 2, 1)
        turn_load.load(starter_url, None, "warm", turn_load.fixed(STARTER_SHORT), 2, 1)
        check = one_officer(signaal_url, RASA_TOKEN, signaal_check, 1, "web-len")
        check_turns = max(check.by_turn) if check.by_turn else 40
        print(f"a whole check (every indicator answered 'no'): {check_turns} turns")
        compare(f"short turns, {officers} simultaneous officers, {rounds} rounds of 4 messages (greeting, start, "
                "two answers)",
                {"Rasa's starter": (starter_url, None, turn_load.fixed(STARTER_SHORT), 1),
                 "Signaal": (signaal_url, RASA_TOKEN, signaal_short, 1)}, officers, rounds)
        # As many rounds as the short turns: one round is 20 checks, too few for a steady p95.
        compare(f"whole checks, {officers} simultaneous officers, {rounds} rounds of one check each ({check_turns} "
                f"turns; the starter: as many turns of its own talk)",
                {"Rasa's starter": (starter_url, None, lambda: starter_long(check_turns), 1),
                 "Signaal": (signaal_url, RASA_TOKEN, signaal_check, 1)}, officers, rounds)
        loaded = {p.name: rss_mib(p.process.pid) for p in stack.parts + starter.parts}
        print("\none officer alone, median per turn (3 conversations each)\n")
        print("| | turn 1 | | | last turn | all turns |")
        print("|---|---|---|---|---|---|")
        print(turn_row("Rasa's starter, 40 turns of its talk", one_officer(starter_url, None, lambda: starter_long(40), 3,
                                                                          "solo")))
        print(turn_row("Signaal, a whole check ('no' to each indicator)",
                       one_officer(signaal_url, RASA_TOKEN, signaal_check, 3, "web-solo"), (1, 5, 10, check_turns)))
        print(turn_row("Signaal, a check answered with the first option, then talk, 40 turns",
                       one_officer(signaal_url, RASA_TOKEN, lambda: signaal_long(40), 3, "web-long")))
        print(turn_row("Signaal, 40 turns of greetings and FAQ",
                       one_officer(signaal_url, RASA_TOKEN, lambda: faq_talk(40), 3, "web-faq")))
        print("\nresident memory (MiB, process group)\n")
        print("| process | idle | loaded |")
        print("|---|---|---|")
        for name in idle:
            print(f"| {name} | {idle[name]:,.0f} | {loaded[name]:,.0f} |")
        if int(os.environ.get("BENCH_CHECKS", "0")):
            measure_forwarding(stack, state, int(os.environ["BENCH_CHECKS"]))
    finally:
        starter.stop()
        stack.stop()


if __name__ == "__main__":
    main()

"""`make profile`: where one checklist turn's time goes, under load.

Starts Rasa and the action server on their own ports (PROFILE_PORT_BASE, default 35100:
+5 Rasa, +55 actions) with SIGNAAL_RASA_TIMING set (rasa_runtime/timing.py: wall-clock spans
per message), lets PROFILE_OFFICERS (20) officers run whole checks at the same time, and
prints a markdown table per checklist turn: NLU components, policies, calls to the action
server (how many, what each costs), tracker store reads and writes, the rest of Rasa; plus
CPU milliseconds per turn of each process (from /proc) and, when py-spy is installed
(build/tools, requirements/tools.lock), the functions Rasa spends most CPU in. The bot's
relay is measured by `make bench-relay` (its figure is quoted in docs/performance.md).

    make profile   (.venv/web/bin/python -m scripts.profile_turn; SIGNAAL_RASA_SPEEDUPS=off /
                    SIGNAAL_TRACKER_CACHE=off to compare)
Printed, never asserted.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List

from scripts import turn_load
from scripts.proc_stats import cpu_seconds
from scripts.bench_stack import signaal_check
from stack.layout import Ports, parts
from stack.processes import ROOT, Stack

PY_SPY = ROOT / "build" / "tools" / "bin" / "py-spy"

NLU = ("SpacyNLP", "SpacyTokenizer", "RegexFeaturizer", "LexicalSyntactic", "CountVectors", "DIETClassifier", "LinearIntent",
       "AcuteDangerGuard", "CatalogueEntity", "IndicatorRecogniser", "ResponseSelector", "FallbackClassifier",
       "RegexMessageHandler", "NLUMessageConverter", "NLUPredictionToHistoryAdder")
POLICIES = ("MemoizationPolicy", "RulePolicy", "TEDPolicy", "select_prediction", "DefaultPolicyPredictionEnsemble")


def cpu_ms(pgid: int) -> float:
    """utime + stime of every process in the group (ms)."""
    return cpu_seconds(pgid) * 1000


def group(name: str) -> str:
    if name.startswith("graph:"):
        node = name[len("graph:"):]
        if any(p in node for p in POLICIES):
            return "policy: " + node.removeprefix("run_")
        if any(n in node for n in NLU):
            return "NLU: " + node.removeprefix("run_")
        return "graph (other): " + node.removeprefix("run_")
    if name.startswith("action_server:"):
        return "action server call: " + name.split(":", 1)[1]
    return name


def table(records: List[dict], turns: int) -> List[str]:
    ms: Dict[str, float] = defaultdict(float)
    calls: Dict[str, int] = defaultdict(int)
    for record in records:
        for name, value in record["ms"].items():
            ms[group(name)] += value
            calls[group(name)] += record["n"][name]
    total = sum(r["total_ms"] for r in records)
    # SQL reads and writes happen inside the cache's retrieve/save when it is on: count them once.
    cached = any(k in ms for k in ("tracker_store:retrieve", "tracker_store:save"))
    measured = sum(v for k, v in ms.items() if not (cached and k.startswith("tracker_store:sql")))
    lines = ["| part of a turn | ms per turn (wall) | calls per turn | ms per call |", "|---|---|---|---|"]
    order = sorted(ms, key=lambda k: (k.split(":")[0], -ms[k]))
    for name in order:
        lines.append(f"| {name} | {ms[name] / turns:.1f} | {calls[name] / turns:.2f} | "
                     f"{ms[name] / max(1, calls[name]):.1f} |")
    lines.append(f"| rest of Rasa (channel, processor, events, logging) | {(total - measured) / turns:.1f} | | |")
    lines.append(f"| **whole turn in Rasa** | **{total / turns:.1f}** | | |")
    return lines


def py_spy_top(raw: Path, limit: int = 15) -> List[str]:
    """Self time per function from py-spy's collapsed stacks ("frame;frame;frame count")."""
    own: Counter = Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        total += int(count)
        leaf = stack.split(";")[-1]
        own[leaf.split(" (")[0] + " (" + leaf.split(" (")[-1].split("/")[-1] if " (" in leaf else leaf] += int(count)
    lines = ["| function (file) | share of Rasa's samples |", "|---|---|"]
    for name, count in own.most_common(limit):
        lines.append(f"| {name.replace('|', '/')} | {100 * count / max(1, total):.1f} % |")
    return lines


def main() -> None:
    officers = int(os.environ.get("PROFILE_OFFICERS", "20"))
    base = int(os.environ.get("PROFILE_PORT_BASE", "35100"))
    ports = Ports(base + 5, base + 55, base + 80)
    state = Path(tempfile.mkdtemp(prefix="signaal-profile-"))
    timing = state / "timing.jsonl"
    os.environ["SIGNAAL_STATE_DIR"] = str(state)
    token = secrets.token_urlsafe(16)
    chosen = [p for p in parts(ports, state, token, with_bot=False) if p.name in ("actions", "rasa")]
    for part in chosen:
        part.env["SIGNAAL_RASA_TIMING"] = str(timing)
    stack = Stack(chosen, state / "logs")
    url = f"http://127.0.0.1:{ports.rasa}/webhooks/rest/webhook"
    print(f"speed-ups: {os.environ.get('SIGNAAL_RASA_SPEEDUPS', 'on')}, "
          f"tracker cache: {os.environ.get('SIGNAAL_TRACKER_CACHE', 'on')}")
    stack.start()
    try:
        stack.wait_ready(timeout=600)
        # TED's network is built on a thread after Rasa answers (rasa_runtime/ted_loading.py): not a turn's cost.
        stack.wait_for_ted()
        turn_load.load(url, token, "web-warm", signaal_check, 2, 1)  # warm: lazy loading is not a turn's cost
        # 1. One officer alone: the spans are the work itself (under load they include waiting for the loop).
        timing.write_text("", encoding="utf-8")
        solo = turn_load.Result()
        for _ in range(int(os.environ.get("PROFILE_SOLO_CHECKS", "3"))):
            solo.add(turn_load.load(url, token, "web-solo", signaal_check, 1, 1))
        records = [json.loads(line) for line in timing.read_text(encoding="utf-8").splitlines() if line.strip()]
        print(f"\none officer alone, whole checks: {len(records)} turns, median {turn_load.median_of(solo.latencies_ms):.0f} ms "
              f"per turn (client side)\n")
        print("\n".join(table(records, len(records))))
        # 2. Under load: CPU per turn of each process, and where Rasa's CPU goes (py-spy).
        timing.write_text("", encoding="utf-8")
        pgids = {p.name: p.process.pid for p in stack.parts}
        before = {name: cpu_ms(pgid) for name, pgid in pgids.items()}
        spy = None
        raw = state / "rasa.pyspy.txt"
        if PY_SPY.exists():
            spy = subprocess.Popen([str(PY_SPY), "record", "--pid", str(pgids["rasa"]), "--format", "raw", "--rate", "50",
                                    "--nonblocking", "--output", str(raw), "--duration", "600"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        result = turn_load.load(url, token, "web-prof", signaal_check, officers, 1)
        after = {name: cpu_ms(pgid) for name, pgid in pgids.items()}
        if spy is not None:
            spy.send_signal(2)  # SIGINT: py-spy writes what it has
            spy.wait(60)
        records = [json.loads(line) for line in timing.read_text(encoding="utf-8").splitlines() if line.strip()]
        turns = len(records)
        row = result.row()
        print(f"\n{officers} officers at once, one whole check each: {turns} turns in {result.seconds:.1f} s, "
              f"p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms, {row['throughput']:.1f} turns/s, "
              f"{row['errors']} errors")
        print("\nCPU per turn under load (process time of each process group, all threads)\n")
        print("| process | CPU ms per turn |\n|---|---|")
        for name in pgids:
            print(f"| {name} | {(after[name] - before[name]) / turns:.1f} |")
        print(f"| **busy per turn** | **{sum(after[n] - before[n] for n in pgids) / turns:.1f}** |")
        if spy is not None and raw.exists():
            print("\npy-spy (Rasa process, self time, 50 samples/s)\n")
            print("\n".join(py_spy_top(raw)))
    finally:
        stack.stop()


if __name__ == "__main__":
    main()

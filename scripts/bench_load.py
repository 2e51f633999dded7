"""`make bench-load USERS=20,50,100`: Locust load on the scale-out layout, one Rasa server vs two.

Starts the scale layout (stack/scale.py) on databases of its own (created and
dropped here), then for each configuration runs Locust headless
(scripts/locustfile.py, .venv/bench) in steps of USERS simulated officers:
  one        one Rasa server (Locust talks to it directly), free to use both cores
  two        two Rasa servers behind nginx
  one-pinned one Rasa server pinned to core 0 (taskset)
  two-pinned two Rasa servers, one core each (taskset -c 0 / -c 1)
Per step: p50/p95/p99 of a message, messages/s, whole checks per minute, errors,
and the CPU each part used. Idle and loaded RSS per process. Figures only, never
assertions; results also go to build/results/bench_load.json.
Environment: BENCH_STEP_SECONDS (60), BENCH_CONFIGS (one,two,one-pinned,two-pinned),
SCALE_PORT_BASE (bench: BENCH_PORT_BASE, default 25200), SCALE_PG_URL.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List

import psycopg

from scripts.proc_stats import cpu_seconds, rss_mib
from stack.processes import ROOT, Stack
from stack.scale import ScaleConfig, ScalePorts, migrate, scale_parts

PG = os.environ.get("SCALE_PG_URL", "postgresql://postgres@127.0.0.1:5432")
LOCUST = ROOT / ".venv" / "bench" / "bin" / "locust"


def snapshot(stack: Stack, what) -> Dict[str, float]:
    return {p.name: round(what(p.process.pid), 1) for p in stack.parts if p.process and p.process.poll() is None}


def run_step(host: str, users: int, seconds: int, out: Path, env: Dict[str, str]) -> Dict[str, float]:
    prefix = out / f"u{users}"
    spawn = max(1, users // 10)  # the step's ramp: about ten seconds
    command = [str(LOCUST), "-f", str(ROOT / "scripts" / "locustfile.py"), "--headless", "--host", host,
               "-u", str(users), "-r", str(spawn), "--run-time", f"{seconds}s", "--csv", str(prefix),
               "--only-summary", "--stop-timeout", "20", "--loglevel", "WARNING"]
    subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(f"{prefix}.log", "w"))
    rows = {row["Name"]: row for row in csv.DictReader(open(f"{prefix}_stats.csv"))}
    message = rows.get("message", {})
    check = rows.get("whole check", {})
    return {
        "users": users,
        "p50_ms": float(message.get("50%") or 0), "p95_ms": float(message.get("95%") or 0),
        "p99_ms": float(message.get("99%") or 0),
        "messages_per_s": round(float(message.get("Requests/s") or 0), 2),
        "message_errors": int(message.get("Failure Count") or 0), "messages": int(message.get("Request Count") or 0),
        "checks": int(check.get("Request Count") or 0), "check_errors": int(check.get("Failure Count") or 0),
        "checks_per_min": round(float(check.get("Requests/s") or 0) * 60, 1),
        "check_p50_s": round(float(check.get("50%") or 0) / 1000, 1),
    }


def restart_rasa(stack: Stack, pins: Dict[str, str]) -> None:
    """Start the Rasa servers again, each under `taskset -c <core>` if it has one."""
    names = [p.name for p in stack.parts if p.name.startswith("rasa")]
    stack.stop(names)
    for part in stack.parts:
        if part.name in names:
            while part.command[0] == "taskset":
                part.command = part.command[3:]
            if part.name in pins:
                part.command = ["taskset", "-c", pins[part.name], *part.command]
    stack.start(names)
    stack.wait_ready(timeout=900, only=names)


def markdown(results: Dict[str, object]) -> str:
    """The tables of docs/scaling.md from the results (also `python -m scripts.bench_load --table FILE`)."""
    lines = [f"Machine: {results['machine']}; steps of {results['step_seconds']} s.", "",
             "| Rasa servers | officers | p50 ms | p95 ms | p99 ms | messages/s | checks/min | errors | Rasa CPU (cores) | Rasa CPU s per message |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, rows in results["runs"].items():
        for row in rows:
            rasa_cpu = sum(v for k, v in row["cpu_cores"].items() if k.startswith("rasa"))
            per_message = rasa_cpu / row["messages_per_s"] if row["messages_per_s"] else 0
            lines.append(f"| {name} | {row['users']} | {row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['p99_ms']:.0f} | "
                         f"{row['messages_per_s']:.2f} | {row['checks_per_min']:.1f} | {row['message_errors']}/{row['messages']} | "
                         f"{rasa_cpu:.2f} | {per_message:.3f} |")
    for key, label in (("factor_two", "two vs one"), ("factor_two-pinned", "two-pinned vs one-pinned")):
        if key in results:
            lines.append(f"\nScaling factor ({label}, best messages/s): x{results[key]:.2f}")
    lines += ["", "| process | idle RSS MiB | loaded RSS MiB (max) |", "|---|---|---|"]
    for name, idle in results.get("idle_rss_mib", {}).items():
        lines.append(f"| {name} | {idle:.0f} | {results.get('loaded_rss_mib', {}).get(name, 0):.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", default="20,50,100")
    parser.add_argument("--table", help="print the markdown tables of a results file and stop")
    args = parser.parse_args()
    if args.table:
        print(markdown(json.loads(Path(args.table).read_text(encoding="utf-8"))))
        return
    steps = [int(u) for u in args.users.split(",") if u.strip()]
    seconds = int(os.environ.get("BENCH_STEP_SECONDS", "60"))
    configs = os.environ.get("BENCH_CONFIGS", "one,two,one-pinned,two-pinned").split(",")
    ports = ScalePorts(int(os.environ.get("BENCH_PORT_BASE", os.environ.get("SCALE_PORT_BASE", "25200"))))
    state = Path(tempfile.mkdtemp(prefix="signaal-bench-load-"))
    out = ROOT / "build" / "results" / "bench_load"
    out.mkdir(parents=True, exist_ok=True)
    suffix = uuid.uuid4().hex[:8]
    names = {kind: f"signaal_bench_{kind}_{suffix}" for kind in ("tracker", "intake", "outbox")}
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        for name in names.values():
            conn.execute(f'CREATE DATABASE "{name}"')
    token = secrets.token_urlsafe(24)
    os.environ["SIGNAAL_STATE_DIR"] = str(state)
    config = ScaleConfig(f"{PG}/{names['tracker']}", f"{PG}/{names['intake']}", f"{PG}/{names['outbox']}",
                         extra_env={"SIGNAAL_OUTBOX_POLL_SECONDS": "2"})
    stack = Stack(scale_parts(ports, state, config, token), state / "logs")
    env = {**stack.parts[0].env, "SIGNAAL_RASA_TOKEN": token}
    results: Dict[str, object] = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                                             f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**30} GiB, "
                                             f"{platform.platform()}", "step_seconds": seconds, "runs": {}}
    try:
        migrate(env)
        stack.start()
        stack.wait_ready(timeout=900)
        time.sleep(10)
        results["idle_rss_mib"] = snapshot(stack, rss_mib)
        print(f"machine: {results['machine']}; steps of {seconds} s")
        print("idle RSS (MiB): " + ", ".join(f"{k} {v:.0f}" for k, v in results["idle_rss_mib"].items()))
        loaded: Dict[str, float] = {}
        pinned = False
        for name in configs:
            if name.endswith("pinned") and not pinned:
                restart_rasa(stack, {"rasa1": "0", "rasa2": "1"})
                pinned = True
            host = f"http://127.0.0.1:{ports.rasa[0]}" if name.startswith("one") else f"http://127.0.0.1:{ports.rasa_front}"
            rows = []
            for users in steps:
                before, started = snapshot(stack, cpu_seconds), time.monotonic()
                (out / name).mkdir(exist_ok=True)
                row = run_step(host, users, seconds, out / name, env)
                elapsed = time.monotonic() - started
                after = snapshot(stack, cpu_seconds)
                row["cpu_cores"] = {k: round((after.get(k, 0) - before.get(k, 0)) / elapsed, 2) for k in after}
                for k, v in snapshot(stack, rss_mib).items():
                    loaded[k] = max(loaded.get(k, 0), v)
                rows.append(row)
                print(f"{name:10s} {users:4d} users: p50 {row['p50_ms']:6.0f} ms  p95 {row['p95_ms']:6.0f} ms  "
                      f"p99 {row['p99_ms']:6.0f} ms  {row['messages_per_s']:6.2f} msg/s  {row['checks_per_min']:5.1f} checks/min  "
                      f"errors {row['message_errors']}/{row['messages']}  CPU " +
                      " ".join(f"{k} {v:.2f}" for k, v in row["cpu_cores"].items() if v >= 0.01), flush=True)
            results["runs"][name] = rows
        results["loaded_rss_mib"] = loaded
        print("loaded RSS, max (MiB): " + ", ".join(f"{k} {v:.0f}" for k, v in loaded.items()))
        runs = results["runs"]
        for one, two in (("one", "two"), ("one-pinned", "two-pinned")):
            if one in runs and two in runs:
                best_one = max(r["messages_per_s"] for r in runs[one])
                best_two = max(r["messages_per_s"] for r in runs[two])
                factor = best_two / best_one if best_one else 0
                results[f"factor_{two}"] = round(factor, 2)
                print(f"scaling factor {one} -> {two} (best messages/s): {best_one:.2f} -> {best_two:.2f} = x{factor:.2f}")
    finally:
        stack.stop()
        (out / "bench_load.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        if results["runs"]:
            print(markdown(results))
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()

"""Benchmark: review queue and dashboard page times at 10,000 signals, in SQLite and in PostgreSQL.

Each backend runs in its own process with a throwaway state folder: SQLite in
that folder; PostgreSQL in a database made for the run on 127.0.0.1:5432
(signaal_bench_<random>, dropped afterwards). The signals are seeded with
tests/support/seed.py (bulk, with links), then each page is fetched through
Django's test client as a logged-in supervisor and timed (median and max of
--repeat runs, after one warm-up). Prints figures; asserts nothing.

    make bench-queue   (.venv/web/bin/python -m scripts.bench_queue [--signals 10000] [--repeat 5]
                        [--backends sqlite,postgresql] [--pg-url postgresql://postgres@127.0.0.1:5432/postgres])
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time

from signaal.paths import ROOT

PAGES = [
    ("queue, page 1", "/review/"),
    ("queue, page 100", "/review/?page=100"),
    ("queue, search 'plek 42'", "/review/?q=plek+42"),
    ("queue, filter high+labour", "/review/?priority=high&exploitation_type=labour"),
    ("queue, open > 7 days", "/review/?age=7"),
    ("queue, sort most linked", "/review/?sort=links"),
    ("dashboard", "/review/overzicht/"),
    ("dashboard CSV", "/review/overzicht.csv"),
]


def child(signals: int, repeat: int) -> None:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "intake.config.settings"
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    call_command("migrate", "--noinput", verbosity=0)
    from tests.support.seed import seed_signals
    from tests.support.signals import create_account

    started = time.perf_counter()
    seed_signals(signals)
    seeded = time.perf_counter() - started
    user = create_account("supervisor", "bench-sup")[0]
    client = Client()
    client.force_login(user)
    results = []
    for name, path in PAGES:
        response = client.get(path)
        if response.status_code != 200:
            results.append({"page": name, "status": response.status_code})
            continue
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
        results.append({"page": name, "median_ms": statistics.median(times), "max_ms": max(times), "bytes": len(response.content)})
    from intake.signals.models import Signal, SignalLink

    print(json.dumps({"vendor": connection.vendor, "signals": Signal.objects.count(), "links": SignalLink.objects.count(),
                      "seed_s": seeded, "pages": results}))


def run_backend(backend: str, signals: int, repeat: int, pg_url: str):
    env = dict(os.environ)
    state = tempfile.mkdtemp(prefix="signaal-bench-queue-")
    env.update(SIGNAAL_STATE_DIR=state, SIGNAAL_INTAKE_SECRET="bench", SIGNAAL_PSEUDONYM_KEY="bench",
               SIGNAAL_DJANGO_SECRET_KEY="bench-" + "x" * 50)
    env.pop("SIGNAAL_DATABASE_URL", None)
    database = None
    if backend == "postgresql":
        import psycopg

        database = f"signaal_bench_{secrets.token_hex(4)}"
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        base = pg_url.rsplit("/", 1)[0]
        env["SIGNAAL_DATABASE_URL"] = f"{base}/{database}"
    try:
        out = subprocess.run([sys.executable, "-m", "scripts.bench_queue", "--child", "--signals", str(signals),
                              "--repeat", str(repeat)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=3600)
        if out.returncode != 0:
            print(out.stderr[-3000:], file=sys.stderr)
            return None
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        import shutil

        shutil.rmtree(state, ignore_errors=True)
        if database:
            import psycopg

            with psycopg.connect(pg_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("SIGNAAL_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.signals, args.repeat)
        return
    reports = {}
    for backend in args.backends.split(","):
        print(f"{backend}: seeding {args.signals} signals and timing pages …", flush=True)
        reports[backend] = run_backend(backend, args.signals, args.repeat, args.pg_url)
    names = [name for name, _ in PAGES]
    header = f"{'page':32}" + "".join(f"{b + ' median/max ms':>28}" for b in reports)
    print()
    for backend, report in reports.items():
        if report:
            print(f"{backend}: {report['signals']} signals, {report['links']} links, seeded in {report['seed_s']:.1f} s")
    print(header)
    for name in names:
        line = f"{name:32}"
        for report in reports.values():
            row = next((r for r in (report or {}).get("pages", []) if r["page"] == name), None)
            if row is None:
                line += f"{'failed':>28}"
            elif "median_ms" not in row:
                line += f"{'HTTP ' + str(row['status']):>28}"
            else:
                line += f"{row['median_ms']:>19.1f} /{row['max_ms']:>7.1f}"
        print(line)


if __name__ == "__main__":
    main()

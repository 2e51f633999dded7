"""`make run-scale` (`python -m stack.run_scale`, web environment): the scale-out layout on one machine.

nginx in front of two Rasa servers, two action servers and two intake servers;
PostgreSQL (SCALE_PG_URL, default postgresql://postgres@127.0.0.1:5432) holds
the tracker store, the outbox and the intake in databases of their own
(signaal_scale_*; created when missing, kept between runs); a private
redis-server holds the locks. SCALE_PORT_BASE moves every port. Ctrl-C stops all.
"""
from __future__ import annotations

import os
import signal
import sys
import time

import psycopg

from signaal.paths import state_dir
from signaal.secrets import get_secret
from stack.processes import Stack
from stack.scale import ScaleConfig, ScalePorts, migrate, scale_parts

PG = os.environ.get("SCALE_PG_URL", "postgresql://postgres@127.0.0.1:5432")
DATABASES = {"tracker": "signaal_scale_tracker", "intake": "signaal_scale_intake", "outbox": "signaal_scale_outbox"}


def ensure_databases() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        present = {row[0] for row in conn.execute("SELECT datname FROM pg_database")}
        for name in DATABASES.values():
            if name not in present:
                conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    ports = ScalePorts.from_env()
    state = state_dir() / "scale"
    state.mkdir(parents=True, exist_ok=True)
    ensure_databases()
    config = ScaleConfig(f"{PG}/{DATABASES['tracker']}", f"{PG}/{DATABASES['intake']}", f"{PG}/{DATABASES['outbox']}")
    parts = scale_parts(ports, state, config, get_secret("SIGNAAL_RASA_TOKEN"),
                        with_bot=bool(os.environ.get("TELEGRAM_BOT_TOKEN")))
    migrate(parts[0].env)
    stack = Stack(parts, state / "logs")
    stopping = {"now": False}
    signal.signal(signal.SIGINT, lambda *_: stopping.update(now=True))
    signal.signal(signal.SIGTERM, lambda *_: stopping.update(now=True))
    print(f"==> starting the scale-out layout (logs in {state / 'logs'})", flush=True)
    stack.start()
    try:
        ready = stack.wait_ready(timeout=900)
        for part in stack.parts:
            print(f"    {part.name:9s} ready after {ready.get(part.name, 0):5.1f} s  {part.where}", flush=True)
        print(f"==> officers (REST channel, Bearer SIGNAAL_RASA_TOKEN): http://127.0.0.1:{ports.rasa_front}/webhooks/rest/webhook",
              flush=True)
        print(f"==> web chat and review: http://127.0.0.1:{ports.intake_front}/chat", flush=True)
        print("==> running; Ctrl-C stops everything.", flush=True)
        while not stopping["now"]:
            dead = stack.dead()
            if dead:
                print(f"!!  {dead[0].name} stopped unexpectedly; see {dead[0].log_path}", file=sys.stderr)
                return 1
            time.sleep(1)
        return 0
    except (RuntimeError, TimeoutError) as error:
        print(f"!!  {error}", file=sys.stderr)
        return 1
    finally:
        print("==> stopping all parts", flush=True)
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())

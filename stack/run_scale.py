"""`make run-scale` (`python -m stack.run_scale`, web environment): the scale-out layout on one machine.

nginx in front of two Rasa servers, two action servers and two intake servers;
PostgreSQL (SCALE_PG_URL, default postgresql://postgres@127.0.0.1:5432) holds
the tracker store, the outbox and the intake in databases of their own
(signaal_scale_*; created when missing, kept between runs); a private
redis-server holds the locks. SCALE_PORT_BASE moves every port. Ctrl-C stops all.
"""
from __future__ import annotations

import os
import sys

import psycopg

from signaal.paths import state_dir
from signaal.secrets import get_secret
from stack.processes import Stack
from stack.serve import serve
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
    return serve(stack, f"starting the scale-out layout (logs in {state / 'logs'})", [
        f"officers (REST channel, Bearer SIGNAAL_RASA_TOKEN): http://127.0.0.1:{ports.rasa_front}/webhooks/rest/webhook",
        f"web chat and review: http://127.0.0.1:{ports.intake_front}/chat",
        "running; Ctrl-C stops everything.",
    ], ready_timeout=900)

if __name__ == "__main__":
    sys.exit(main())

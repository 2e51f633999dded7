"""Scale-out configuration: PostgreSQL tracker store and intake, Redis lock store,
two Rasa servers sharing them. Needs PostgreSQL on 127.0.0.1:5432 (trust auth)
and Redis on 127.0.0.1:6379; each run creates and drops databases of its own."""
from __future__ import annotations

import copy
import os
import secrets
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest

from stack.layout import Ports, parts
from stack.processes import ROOT, Stack

PG = os.environ.get("SCALE_PG_URL", "postgresql://postgres@127.0.0.1:5432")
REDIS = os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/7")
PORTS = Ports(rasa=25005, actions=25055, web=28000)
SECOND_RASA_PORT = 25006


def admin_connection():
    return psycopg.connect(f"{PG}/postgres", autocommit=True)


@pytest.fixture(scope="session")
def databases():
    suffix = uuid.uuid4().hex[:8]
    names = {"tracker": f"signaal_tracker_{suffix}", "intake": f"signaal_intake_{suffix}"}
    with admin_connection() as conn:
        for name in names.values():
            conn.execute(f'CREATE DATABASE "{name}"')
    yield names
    with admin_connection() as conn:
        for name in names.values():
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ScaleStack:
    def __init__(self, state: Path, names: dict) -> None:
        os.environ.update({
            "SIGNAAL_TRACKER_STORE_URL": f"{PG}/{names['tracker']}",
            "SIGNAAL_REDIS_URL": REDIS,
            "SIGNAAL_DATABASE_URL": f"{PG}/{names['intake']}",
            "SIGNAAL_OUTBOX_POLL_SECONDS": "1",
            "SIGNAAL_STATE_DIR": str(state),
        })
        self.rasa_token = secrets.token_urlsafe(24)
        os.environ["SIGNAAL_RASA_TOKEN"] = self.rasa_token  # the test process is a trusted caller
        chosen = parts(PORTS, state, self.rasa_token, with_bot=False)
        second = copy.deepcopy(next(p for p in chosen if p.name == "rasa"))
        second.name = "rasa2"
        second.command[second.command.index("--port") + 1] = str(SECOND_RASA_PORT)
        second.health_url = f"http://127.0.0.1:{SECOND_RASA_PORT}/"
        chosen.append(second)
        self.stack = Stack(chosen, state / "logs")
        self.urls = [f"http://127.0.0.1:{PORTS.rasa}", f"http://127.0.0.1:{SECOND_RASA_PORT}"]
        self.web_url = f"http://127.0.0.1:{PORTS.web}"
        self.env = chosen[0].env

    def manage(self, *args: str) -> str:
        return subprocess.run([str(ROOT / ".venv/web/bin/python"), "manage.py", *args], cwd=ROOT / "intake",
                              env=self.env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def scale(tmp_path_factory, databases):
    stack = ScaleStack(tmp_path_factory.mktemp("scale-state"), databases)
    stack.manage("migrate", "--noinput")
    try:
        stack.stack.start()
        stack.stack.wait_ready(timeout=500)
        yield stack
    finally:  # also when a part fails to start: no orphans holding the ports
        stack.stack.stop()
